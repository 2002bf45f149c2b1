// Proves the node verbs of the CLI through runCli, with an in-memory client behind the declared
// `connect` seam whose cordon and drain are the SDK's own (cordonNode, drainNode) over an
// in-memory ObjectApi: cordon/uncordon and their "already" lines; drain's kubectl-style progress,
// its refusals of DaemonSet, emptyDir and unmanaged pods without the flags, its wait until the
// pods are gone and its timeout; `top` percentages of allocatable; `get nodes` STATUS and wide
// columns; `describe node`; and delete's --force and --now.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../client/cli/main.js';
import type { CliClient, CliIo, CliNodeApi } from '../../client/cli/main.js';
import { NotFoundError, resolveKind } from '../../client/index.js';
import type { ClusterUsage, KubeList, KubeObject, ListOptions, ObjectApi } from '../../client/index.js';
import { cordonNode, drainNode } from '../../client/drain.js';

type ObjectReadOptions = NonNullable<Parameters<ObjectApi['get']>[2]>;
type ObjectDeleteOptions = NonNullable<Parameters<ObjectApi['delete']>[2]>;

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();

function fieldAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, step) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[step] : undefined), obj);
}

function matches(obj: KubeObject, options: ListOptions): boolean {
  for (const term of (options.fieldSelector ?? '').split(',').filter((t) => t !== '')) {
    const [path, v] = term.split('=');
    if (fieldAt(obj, path ?? '') !== v) return false;
  }
  for (const term of (options.labelSelector ?? '').split(',').filter((t) => t !== '')) {
    const [k, v] = term.split('=');
    if ((obj.metadata.labels ?? {})[k ?? ''] !== v) return false;
  }
  return true;
}

/** Objects in memory; a bound pod's delete marks it, and its "agent" removes it `agentDelayMs` later (never when undefined). */
class FakeClient implements CliClient {
  readonly store = new Map<string, KubeObject>();
  readonly calls: string[] = [];
  agentDelayMs: number | undefined = 10;
  usageData: ClusterUsage = { nodes: [], pods: [] };
  usageError: Error | undefined;
  readonly kv = {} as CliClient['kv'];
  readonly cluster = {} as CliClient['cluster'];
  readonly nodes: CliNodeApi = {
    cordon: (n) => cordonNode(this, n, true),
    uncordon: (n) => cordonNode(this, n, false),
    drain: (n, o) => drainNode(this, n, { ...o, pollIntervalMs: 5 }),
    usage: async (o = {}) => {
      this.calls.push(`usage ns=${o.namespace ?? ''}`);
      if (this.usageError !== undefined) throw this.usageError;
      return this.usageData;
    },
    logs: () => {
      throw new Error('not used');
    },
    exec: () => {
      throw new Error('not used');
    },
  };

  private key(kind: string, namespace: string | undefined, name: string): string {
    const k = resolveKind(kind);
    return `${k.kind}/${k.namespaced ? namespace || 'default' : ''}/${name}`;
  }

  seed(...objects: KubeObject[]): this {
    for (const o of objects) this.store.set(this.key(o.kind, o.metadata.namespace, o.metadata.name ?? ''), structuredClone(o));
    return this;
  }

  async get<T extends KubeObject = KubeObject>(kind: string, name: string, options: ObjectReadOptions = {}): Promise<T> {
    this.calls.push(`get ${resolveKind(kind).kind} ${name}`);
    const found = this.store.get(this.key(kind, options.namespace, name));
    if (found === undefined) throw new NotFoundError(`${resolveKind(kind).plural} "${name}" not found`);
    return structuredClone(found) as T;
  }

  async list<T extends KubeObject = KubeObject>(kind: string, options: ListOptions = {}): Promise<KubeList<T>> {
    const k = resolveKind(kind);
    this.calls.push(`list ${k.kind} ns=${options.namespace ?? ''} f=${options.fieldSelector ?? ''} l=${options.labelSelector ?? ''}`);
    const items = [...this.store.values()].filter((o) => o.kind === k.kind && (!options.namespace || o.metadata.namespace === options.namespace) && matches(o, options));
    return { apiVersion: 'v1', kind: `${k.kind}List`, metadata: { resourceVersion: '1' }, items: structuredClone(items) as T[] };
  }

  async patch<T extends KubeObject = KubeObject>(kind: string, name: string, patch: Record<string, unknown>): Promise<T> {
    this.calls.push(`patch ${resolveKind(kind).kind} ${name} ${JSON.stringify(patch)}`);
    const key = this.key(kind, undefined, name);
    const found = this.store.get(key);
    if (found === undefined) throw new NotFoundError(`${resolveKind(kind).plural} "${name}" not found`);
    const next = { ...found, spec: { ...found.spec, ...(patch['spec'] as Record<string, unknown>) } };
    this.store.set(key, next);
    return structuredClone(next) as T;
  }

  async delete<T extends KubeObject = KubeObject>(kind: string, name: string, options: ObjectDeleteOptions = {}): Promise<{ object: T; pending: boolean }> {
    this.calls.push(`delete ${resolveKind(kind).kind} ${options.namespace ?? '-'}/${name}${options.gracePeriodSeconds !== undefined ? ` grace=${options.gracePeriodSeconds}` : ''}`);
    const key = this.key(kind, options.namespace, name);
    const found = this.store.get(key);
    if (found === undefined) throw new NotFoundError(`${resolveKind(kind).plural} "${name}" not found`);
    const bound = typeof found.spec?.['nodeName'] === 'string';
    if (!bound || options.gracePeriodSeconds === 0) {
      this.store.delete(key);
      return { object: found as T, pending: false };
    }
    const marked = { ...found, metadata: { ...found.metadata, deletionTimestamp: ago(0) } };
    this.store.set(key, marked);
    if (this.agentDelayMs !== undefined) setTimeout(() => this.store.delete(key), this.agentDelayMs);
    return { object: marked as T, pending: true };
  }

  create<T extends KubeObject = KubeObject>(): Promise<T> {
    throw new Error('not used');
  }
  update<T extends KubeObject = KubeObject>(): Promise<T> {
    throw new Error('not used');
  }
  updateStatus<T extends KubeObject = KubeObject>(): Promise<T> {
    throw new Error('not used');
  }
  apply(): never {
    throw new Error('not used');
  }
  watch(): never {
    throw new Error('not used');
  }
  informer(): never {
    throw new Error('not used');
  }
  close(): void {}
}

interface Run {
  code: number;
  out: string;
  err: string;
}

function run(argv: string[], client: FakeClient): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (d) => void (out += typeof d === 'string' ? d : Buffer.from(d).toString()),
    stderr: (t) => void (err += t),
    env: {},
    onInterrupt: () => () => undefined,
    now: () => NOW,
  };
  return runCli(argv, {}, io, { connect: () => client }).then((code) => ({ code, out, err }));
}

function node(name: string, extra: { unschedulable?: boolean; ready?: string; roles?: string[] } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      creationTimestamp: ago(7200),
      labels: Object.fromEntries((extra.roles ?? []).map((r) => [`node-role.kubernetes.io/${r}`, ''])),
    },
    spec: extra.unschedulable === true ? { unschedulable: true } : {},
    status: {
      conditions: extra.ready === undefined ? [] : [{ type: 'Ready', status: extra.ready, reason: 'AgentReady', lastHeartbeatTime: ago(5) }],
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: name }],
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
      nodeInfo: { kubeletVersion: 'berth-0.1.0', osImage: 'Debian 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'berth-proc://1', architecture: 'amd64' },
    },
  };
}

function pod(name: string, o: { ns?: string; node?: string; owner?: string; emptyDir?: boolean; labels?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.ns ?? 'default',
      uid: `uid-${name}`,
      creationTimestamp: ago(600),
      ...(o.labels !== undefined ? { labels: o.labels } : {}),
      ...(o.owner !== undefined ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: o.owner, name: 'x', uid: 'o', controller: true }] } : {}),
    },
    spec: {
      nodeName: o.node ?? 'n1',
      containers: [{ name: 'c', image: 'c', resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } } }],
      ...(o.emptyDir === true ? { volumes: [{ name: 'scratch', emptyDir: {} }] } : {}),
    },
    status: { phase: 'Running' },
  };
}

describe('cordon and uncordon', () => {
  it('patch spec.unschedulable and say so, or say it was so already', async () => {
    const c = new FakeClient().seed(node('n1', { ready: 'True' }));
    expect(await run(['cordon', 'n1'], c)).toEqual({ code: 0, out: 'node/n1 cordoned\n', err: '' });
    expect(c.calls).toContain('patch Node n1 {"spec":{"unschedulable":true}}');
    expect(await run(['cordon', 'node/n1'], c)).toEqual({ code: 0, out: 'node/n1 already cordoned\n', err: '' });
    expect(await run(['uncordon', 'n1'], c)).toEqual({ code: 0, out: 'node/n1 uncordoned\n', err: '' });
    expect(c.calls).toContain('patch Node n1 {"spec":{"unschedulable":false}}');
    expect(await run(['uncordon', 'n1'], c)).toEqual({ code: 0, out: 'node/n1 already uncordoned\n', err: '' });
  });

  it('fail with exit code 1 for a node that does not exist, and 2 without a NODE', async () => {
    expect(await run(['cordon', 'nope'], new FakeClient())).toEqual({ code: 1, out: '', err: 'error: nodes "nope" not found\n' });
    expect(await run(['cordon'], new FakeClient())).toMatchObject({ code: 2, err: 'error: missing NODE; usage: berth cordon NODE\n' });
  });
});

describe('drain', () => {
  it('cordons, evicts every pod, waits until they are gone, and prints kubectl\'s lines', async () => {
    const c = new FakeClient().seed(node('n1', { ready: 'True' }), pod('web-1', { owner: 'ReplicaSet' }), pod('db-0', { ns: 'prod', owner: 'StatefulSet' }), pod('elsewhere', { node: 'n2', owner: 'ReplicaSet' }));
    const r = await run(['drain', 'n1', '--grace-period', '5'], c);
    expect(r).toEqual({
      code: 0,
      out: 'node/n1 cordoned\nevicting pod default/web-1\nevicting pod prod/db-0\npod/web-1 evicted\npod/db-0 evicted\nnode/n1 drained\n',
      err: '',
    });
    expect(c.calls).toContain('list Pod ns= f=spec.nodeName=n1 l=');
    expect(c.calls).toContain('delete Pod default/web-1 grace=5');
    expect([...c.store.keys()]).toEqual(['Node//n1', 'Pod/default/elsewhere']);
  });

  it('refuses DaemonSet, emptyDir and unmanaged pods without the flags, naming them, and deletes nothing', async () => {
    const c = new FakeClient().seed(node('n1'), pod('ds-1', { owner: 'DaemonSet' }), pod('cache', { owner: 'ReplicaSet', emptyDir: true }), pod('naked'), pod('web-1', { owner: 'ReplicaSet' }));
    const r = await run(['drain', 'n1'], c);
    expect(r.code).toBe(1);
    expect(r.out).toBe('node/n1 cordoned\n');
    expect(r.err).toBe(
      'error: cannot drain node n1: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/ds-1; ' +
        'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache; ' +
        'cannot delete Pods that declare no controller (use --force to override): default/naked\n',
    );
    expect(c.calls.filter((x) => x.startsWith('delete'))).toEqual([]);
  });

  it('with the flags, skips DaemonSet pods with a warning and deletes the others', async () => {
    const c = new FakeClient().seed(node('n1', { unschedulable: true }), pod('ds-1', { owner: 'DaemonSet' }), pod('cache', { owner: 'ReplicaSet', emptyDir: true }), pod('naked'));
    const r = await run(['drain', 'n1', '--ignore-daemonsets', '--delete-emptydir-data', '--force'], c);
    expect(r.code).toBe(0);
    expect(r.out).toBe('node/n1 already cordoned\nevicting pod default/cache\nevicting pod default/naked\npod/cache evicted\npod/naked evicted\nnode/n1 drained\n');
    expect(r.err).toBe('Warning: ignoring DaemonSet-managed Pods: default/ds-1\nWarning: deleting Pods with local storage: default/cache\nWarning: deleting Pods that declare no controller: default/naked\n');
    expect(c.store.has('Pod/default/ds-1')).toBe(true);
    expect(c.calls.filter((x) => x.startsWith('patch'))).toEqual([]);
  });

  it('only waits for pods already terminating, and takes --pod-selector', async () => {
    const old = pod('old', { owner: 'ReplicaSet', labels: { app: 'web' } });
    old.metadata.deletionTimestamp = ago(1);
    const c = new FakeClient().seed(node('n1'), old, pod('other', { owner: 'ReplicaSet', labels: { app: 'db' } }));
    setTimeout(() => c.store.delete('Pod/default/old'), 20);
    const r = await run(['drain', 'n1', '--pod-selector', 'app=web'], c);
    expect(r.out).toBe('node/n1 cordoned\nevicting pod default/old (already terminating)\npod/old evicted\nnode/n1 drained\n');
    expect(c.calls.filter((x) => x.startsWith('delete'))).toEqual([]);
    expect(c.calls).toContain('list Pod ns= f=spec.nodeName=n1 l=app=web');
  });

  it('fails with a timeout naming the pods left', async () => {
    const c = new FakeClient().seed(node('n1'), pod('stuck', { owner: 'ReplicaSet' }));
    c.agentDelayMs = undefined;
    const r = await run(['drain', 'n1', '--timeout', '200ms'], c);
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: drain node n1: timed out after 200 ms waiting for 1 pod(s) to be gone: default/stuck\n');
  });

  it('checks its flags before calling anything, naming the flag', async () => {
    const c = new FakeClient();
    expect(await run(['drain', 'n1', '--timeout', 'soon'], c)).toMatchObject({ code: 2, err: 'error: --timeout: must be a duration above 0 such as 90s, 5m or 1h (got "soon")\n' });
    expect(await run(['drain', 'n1', '--grace-period', '-1'], c)).toMatchObject({ code: 2 });
    expect((await run(['drain', 'n1', '--grace-period=-1'], c)).err).toBe('error: --grace-period: must be an integer >= 0 (got "-1")\n');
    expect(await run(['drain', 'n1', '--delete-local-data'], c)).toMatchObject({ code: 2, err: 'error: --delete-local-data: unknown flag (see --help)\n' });
    expect(c.calls).toEqual([]);
  });
});

describe('top', () => {
  it('nodes: usage and its share of allocatable; <unknown> for a node that has not reported', async () => {
    const c = new FakeClient().seed(node('n1'), node('n2'));
    c.usageData = { nodes: [{ name: 'n1', usage: { cpuMillicores: 500, memoryBytes: 1 << 30 }, lastHeartbeatTime: ago(3) }], pods: [] };
    const r = await run(['top', 'nodes'], c);
    expect(r).toEqual({
      code: 0,
      out: 'NAME  CPU(cores)  CPU%       MEMORY(bytes)  MEMORY%\nn1    500m        25%        1024Mi         25%\nn2    <unknown>   <unknown>  <unknown>      <unknown>\n',
      err: '',
    });
    const json = JSON.parse((await run(['top', 'node', 'n1', '-o', 'json'], c)).out) as unknown;
    expect(json).toEqual({ nodes: [{ name: 'n1', cpuMillicores: 500, cpuPercent: 25, memoryBytes: 1 << 30, memoryPercent: 25, lastHeartbeatTime: ago(3) }] });
  });

  it('pods: of the namespace (or all with -A), sorted, with a NAMESPACE column for -A', async () => {
    const c = new FakeClient();
    const u = (ns: string, name: string, cpu: number, mem: number): ClusterUsage['pods'][number] => ({ namespace: ns, name, uid: name, node: 'n1', usage: { cpuMillicores: cpu, memoryBytes: mem }, containers: [] });
    c.usageData = { nodes: [], pods: [u('prod', 'db-0', 120, 300 << 20), u('default', 'web-2', 3, 50 << 20), u('default', 'web-1', 1, 20 << 20)] };
    expect((await run(['top', 'pods'], c)).out).toBe('NAME   CPU(cores)  MEMORY(bytes)\nweb-1  1m          20Mi\nweb-2  3m          50Mi\n');
    expect(c.calls).toContain('usage ns=default');
    expect((await run(['top', 'po', '-A'], c)).out).toBe('NAMESPACE  NAME   CPU(cores)  MEMORY(bytes)\ndefault    web-1  1m          20Mi\ndefault    web-2  3m          50Mi\nprod       db-0   120m        300Mi\n');
    expect(c.calls).toContain('usage ns=');
    expect(await run(['top', 'pods', '-n', 'empty'], c)).toMatchObject({ code: 0, out: '', err: 'No resources found in empty namespace.\n' });
  });

  it('refuses other kinds and conflicting flags', async () => {
    expect(await run(['top', 'deploy'], new FakeClient())).toMatchObject({ code: 2, err: 'error: top: "nodes" or "pods" (got "deploy")\n' });
    expect(await run(['top', 'pods', '-A', '-n', 'x'], new FakeClient())).toMatchObject({ code: 2, err: 'error: -n/--namespace and -A/--all-namespaces cannot be given together\n' });
    expect(await run(['top', 'pods', '-o', 'yaml'], new FakeClient())).toMatchObject({ code: 2, err: 'error: -o/--output: must be one of table, json (got "yaml")\n' });
  });
});

describe('get and describe nodes', () => {
  it('get nodes: STATUS from the Ready condition, SchedulingDisabled when cordoned, ROLES, VERSION; -o wide adds capacity', async () => {
    const c = new FakeClient().seed(node('n1', { ready: 'True', roles: ['control-plane'] }), node('n2', { ready: 'False', unschedulable: true }), node('n3', { unschedulable: true }));
    expect((await run(['get', 'nodes'], c)).out).toBe(
      'NAME  STATUS                       ROLES          AGE   VERSION\n' +
        'n1    Ready                        control-plane  120m  berth-0.1.0\n' +
        'n2    NotReady,SchedulingDisabled  <none>         120m  berth-0.1.0\n' +
        'n3    Unknown,SchedulingDisabled   <none>         120m  berth-0.1.0\n',
    );
    c.usageData = { nodes: [{ name: 'n1', usage: { cpuMillicores: 1000, memoryBytes: 2 * 2 ** 30 }, lastHeartbeatTime: ago(1) }], pods: [] };
    const wide = (await run(['get', 'no', 'n1', '-o', 'wide'], c)).out.split('\n');
    expect(wide[0]).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION +INTERNAL-IP +OS-IMAGE +KERNEL-VERSION +CONTAINER-RUNTIME +CPU +MEMORY +PODS +CPU-USED +MEMORY-USED$/);
    expect(wide[1]).toMatch(/^n1 +Ready +control-plane +120m +berth-0\.1\.0 +10\.0\.0\.1 +Debian 12 +6\.1\.0 +berth-proc:\/\/1 +4 +8Gi +110 +1000m \(\d+%\) +2048Mi \(\d+%\)$/);
  });

  it('describe node: taints, conditions, addresses, capacity, system info, its pods and usage', async () => {
    const n = node('n1', { ready: 'True', unschedulable: true });
    n.spec = { ...n.spec, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] };
    const done = pod('job-1', { owner: 'Job' });
    done.status = { phase: 'Succeeded' };
    const c = new FakeClient().seed(n, pod('web-1', { owner: 'ReplicaSet' }), done, pod('far', { node: 'n2' }));
    c.usageData = { nodes: [{ name: 'n1', usage: { cpuMillicores: 500, memoryBytes: 1 << 30 }, lastHeartbeatTime: ago(3) }], pods: [] };
    const page = (await run(['describe', 'node', 'n1'], c)).out;
    expect(page).toContain('Roles:');
    expect(page).toMatch(/Taints: +dedicated=db:NoSchedule\n/);
    expect(page).toMatch(/Unschedulable: +true\n/);
    expect(page).toMatch(/ {2}Ready +True +2024-05-01T11:59:55.000Z/);
    expect(page).toMatch(/ {2}InternalIP: +10\.0\.0\.1\n/);
    expect(page).toMatch(/Capacity:\n {2}cpu: +4\n {2}memory: +8Gi\n {2}pods: +110\n/);
    expect(page).toMatch(/Allocatable:\n {2}cpu: +2\n/);
    expect(page).toMatch(/ {2}Kubelet Version: +berth-0\.1\.0\n/);
    expect(page).toMatch(/Non-terminated Pods: +\(1 in total\)\n/);
    expect(page).toMatch(/ {2}default +web-1 +500m \(25%\) +1 \(50%\) +1Gi \(25%\) +2Gi \(50%\) +10m\n/);
    expect(page).not.toContain('job-1');
    expect(page).toMatch(/ {2}cpu: +500m \(25%\)\n {2}memory: +1024Mi \(25%\)\n/);
    expect(c.calls).toContain('list Pod ns= f=spec.nodeName=n1 l=');
    c.usageError = new Error('no leader');
    const without = await run(['describe', 'node', 'n1'], c);
    expect(without.code).toBe(0);
    expect(without.out).not.toContain('Usage:');
  });
});

describe('delete --force and --now', () => {
  it('--force deletes at once (grace 0) with kubectl\'s warning; --now is a grace period of 1', async () => {
    const c = new FakeClient().seed(pod('web-1', { owner: 'ReplicaSet' }), pod('web-2', { owner: 'ReplicaSet' }));
    c.agentDelayMs = 0;
    const forced = await run(['delete', 'pod', 'web-1', '--force'], c);
    expect(forced).toEqual({
      code: 0,
      out: 'pod "web-1" force deleted\n',
      err: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    });
    expect(c.calls).toContain('delete Pod default/web-1 grace=0');
    expect(await run(['delete', 'pod', 'web-2', '--now', '--wait=false'], c)).toMatchObject({ code: 0, out: 'pod "web-2" marked for deletion\n' });
    expect(c.calls).toContain('delete Pod default/web-2 grace=1');
  });

  it('refuses --force with a grace period above 0, and --now with --grace-period or --force', async () => {
    const c = new FakeClient();
    expect(await run(['delete', 'pod', 'x', '--force', '--grace-period', '5'], c)).toMatchObject({ code: 2, err: 'error: --force and --grace-period greater than 0 cannot be given together (got --grace-period=5)\n' });
    expect(await run(['delete', 'pod', 'x', '--now', '--grace-period', '5'], c)).toMatchObject({ code: 2, err: 'error: --now and --grace-period cannot be given together (--now is --grace-period=1)\n' });
    expect(await run(['delete', 'pod', 'x', '--now', '--force'], c)).toMatchObject({ code: 2 });
    expect(c.calls).toEqual([]);
    expect(await run(['delete', 'pod', 'x', '--force', '--grace-period=0'], c)).toMatchObject({ code: 1, err: expect.stringContaining('error: pods "x" not found') as unknown });
  });
});
