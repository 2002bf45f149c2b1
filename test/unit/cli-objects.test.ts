// Proves the object verbs of the CLI (apply, get, describe, delete, create namespace, version,
// cluster status) end to end through runCli, with an in-memory client behind the declared
// `connect` seam: what they print (tables, -o json|yaml|name, kubectl's lines), what they send,
// how failures of one object leave the others alone, and their exit codes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTarget, runCli } from '../../client/cli/main.js';
import type { CliClient, CliIo, ConnectTarget } from '../../client/cli/main.js';
import { AlreadyExistsError, InvalidError, NotFoundError, UnavailableError, resolveKind } from '../../client/index.js';
import type {
  ApplyOptions,
  ApplyResult,
  ClusterOverview,
  Informer,
  KubeList,
  KubeObject,
  ListOptions,
  ObjectApi,
  ObjectWatch,
  ObjectWatchEvent,
  WatchObjectsOptions,
  WriteOptions,
} from '../../client/index.js';

// The index exports the key-value ReadOptions and DeleteOptions under those names: take the
// object calls' own from ObjectApi.
type ObjectReadOptions = NonNullable<Parameters<ObjectApi['get']>[2]>;
type ObjectDeleteOptions = NonNullable<Parameters<ObjectApi['delete']>[2]>;

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();

/** A watch whose events the test pushes; it ends when closed. */
class FakeWatch implements ObjectWatch {
  resourceVersion = '';
  closed = false;
  private readonly queue: ObjectWatchEvent[] = [];
  private wake: (() => void) | undefined;

  constructor(
    readonly kind: string,
    readonly options: WatchObjectsOptions,
  ) {}

  push(event: ObjectWatchEvent): void {
    this.queue.push(event);
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ObjectWatchEvent> {
    for (;;) {
      const next = this.queue.shift();
      if (next !== undefined) yield next;
      else if (this.closed) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

function fieldAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, step) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[step] : undefined), obj);
}

/** `a=b,c=d` selectors, the only form these tests use. */
function matches(obj: KubeObject, labelSelector: string | undefined, fieldSelector: string | undefined): boolean {
  const labels = obj.metadata.labels ?? {};
  for (const term of (labelSelector ?? '').split(',').filter((t) => t !== '')) {
    const [k, v] = term.split('=');
    if (labels[k ?? ''] !== v) return false;
  }
  for (const term of (fieldSelector ?? '').split(',').filter((t) => t !== '')) {
    const [path, v] = term.split('=');
    if (fieldAt(obj, path ?? '') !== v) return false;
  }
  return true;
}

/** ObjectApi in memory, close enough to the server for the CLI: kinds, namespaces, finalizers. */
class FakeApi implements ObjectApi {
  readonly store = new Map<string, KubeObject>();
  readonly calls: string[] = [];
  readonly watches: FakeWatch[] = [];
  revision = 100;

  private key(kind: string, namespace: string | undefined, name: string): string {
    const k = resolveKind(kind);
    return `${k.kind}/${k.namespaced ? namespace || 'default' : ''}/${name}`;
  }

  seed(...objects: KubeObject[]): this {
    for (const o of objects) this.store.set(this.key(o.kind, o.metadata.namespace, o.metadata.name ?? ''), structuredClone(o));
    return this;
  }

  private stamp(obj: KubeObject): KubeObject {
    return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.revision), creationTimestamp: obj.metadata.creationTimestamp ?? ago(30) } };
  }

  async create<T extends KubeObject = KubeObject>(obj: T, options: WriteOptions = {}): Promise<T> {
    this.calls.push(`create ${obj.kind} ${obj.metadata.name ?? ''}${options.dryRun === true ? ' dry-run' : ''}`);
    const key = this.key(obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
    if (this.store.has(key)) throw new AlreadyExistsError(`${resolveKind(obj.kind).plural} "${obj.metadata.name ?? ''}" already exists`);
    const stored = this.stamp(obj);
    if (options.dryRun !== true) this.store.set(key, stored);
    return stored as T;
  }

  async get<T extends KubeObject = KubeObject>(kind: string, name: string, options: ObjectReadOptions = {}): Promise<T> {
    this.calls.push(`get ${kind} ${name} ns=${options.namespace ?? ''}`);
    const found = this.store.get(this.key(kind, options.namespace, name));
    if (found === undefined) throw new NotFoundError(`${resolveKind(kind).plural} "${name}" not found`);
    return structuredClone(found) as T;
  }

  async list<T extends KubeObject = KubeObject>(kind: string, options: ListOptions = {}): Promise<KubeList<T>> {
    const k = resolveKind(kind);
    this.calls.push(`list ${k.kind} ns=${options.namespace ?? ''} l=${options.labelSelector ?? ''} f=${options.fieldSelector ?? ''} limit=${options.limit ?? 0} continue=${options.continue ?? ''}`);
    const all = [...this.store.values()].filter(
      (o) => o.kind === k.kind && (!options.namespace || o.metadata.namespace === options.namespace) && matches(o, options.labelSelector, options.fieldSelector),
    );
    const from = Number(options.continue ?? '0');
    const limit = options.limit ?? 0;
    const items = limit > 0 ? all.slice(from, from + limit) : all.slice(from);
    const more = limit > 0 && from + limit < all.length;
    // Items come back without apiVersion and kind, as in Kubernetes lists.
    const bare = items.map(({ apiVersion: _a, kind: _k, ...rest }) => structuredClone(rest)) as unknown as T[];
    return { apiVersion: k.apiVersion, kind: `${k.kind}List`, metadata: { resourceVersion: String(this.revision), ...(more ? { continue: String(from + limit) } : {}) }, items: bare };
  }

  async apply<T extends KubeObject = KubeObject>(obj: T, options: ApplyOptions = {}): Promise<ApplyResult<T>> {
    this.calls.push(`apply ${obj.kind} ${obj.metadata.namespace ?? '-'}/${obj.metadata.name ?? ''}${options.strict === true ? ' strict' : ''}${options.dryRun === true ? ' dry-run' : ''}`);
    const replicas = obj.spec?.['replicas'];
    if (typeof replicas === 'number' && replicas < 0) {
      // As the server does: the causes also end the message.
      const cause = { field: 'spec.replicas', message: `must be >= 0 (got ${replicas})` };
      throw new InvalidError(`${obj.kind} "${obj.metadata.name ?? ''}" is invalid: ${cause.field}: ${cause.message}`, { causes: [cause] });
    }
    const warnings = obj.spec !== undefined && 'foo' in obj.spec ? ['spec.foo: unknown field, ignored'] : [];
    const key = this.key(obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
    const existing = this.store.get(key);
    const same = existing !== undefined && JSON.stringify(existing.spec ?? existing['data']) === JSON.stringify(obj.spec ?? obj['data']);
    const result = existing === undefined ? 'created' : same ? 'unchanged' : 'configured';
    const stored = same ? existing : this.stamp(obj);
    if (options.dryRun !== true) this.store.set(key, stored);
    return { object: stored as T, result, warnings };
  }

  async delete<T extends KubeObject = KubeObject>(kind: string, name: string, options: ObjectDeleteOptions = {}): Promise<{ object: T; pending: boolean }> {
    this.calls.push(`delete ${kind} ${options.namespace ?? '-'}/${name}${options.gracePeriodSeconds !== undefined ? ` grace=${options.gracePeriodSeconds}` : ''}`);
    const key = this.key(kind, options.namespace, name);
    const found = this.store.get(key);
    if (found === undefined) throw new NotFoundError(`${resolveKind(kind).plural} "${name}" not found`);
    if ((found.metadata.finalizers ?? []).length > 0) {
      const marked = this.stamp({ ...found, metadata: { ...found.metadata, deletionTimestamp: ago(0) } });
      this.store.set(key, marked);
      return { object: marked as T, pending: true };
    }
    if (options.dryRun !== true) this.store.delete(key);
    return { object: found as T, pending: false };
  }

  watch<T extends KubeObject = KubeObject>(kind: string, options: WatchObjectsOptions = {}): ObjectWatch<T> {
    const w = new FakeWatch(kind, options);
    this.watches.push(w);
    return w as unknown as ObjectWatch<T>;
  }

  update<T extends KubeObject = KubeObject>(): Promise<T> {
    throw new Error('not used by the CLI');
  }

  updateStatus<T extends KubeObject = KubeObject>(): Promise<T> {
    throw new Error('not used by the CLI');
  }

  patch<T extends KubeObject = KubeObject>(): Promise<T> {
    throw new Error('not used by the CLI');
  }

  informer<T extends KubeObject = KubeObject>(): Informer<T> {
    throw new Error('not used by the CLI');
  }
}

const OVERVIEW: ClusterOverview = {
  leader: 'r1',
  term: 7,
  members: [
    { id: 'r1', address: '127.0.0.1:7001', role: 'leader', healthy: true, commitIndex: 42, appliedIndex: 42 },
    { id: 'r2', address: '127.0.0.1:7002', role: 'follower', healthy: false, commitIndex: 40, appliedIndex: 39 },
  ],
};

class FakeClient extends FakeApi implements CliClient {
  readonly kv = {} as CliClient['kv'];
  statusError: Error | undefined;
  closed = 0;
  readonly cluster: CliClient['cluster'] = {
    status: async () => {
      if (this.statusError !== undefined) throw this.statusError;
      return OVERVIEW;
    },
    replicaStatus: () => Promise.reject(new Error('not used')),
    members: async () => [],
    addMember: async () => undefined,
    removeMember: async () => undefined,
    transferLeader: async () => undefined,
  };

  close(): void {
    this.closed++;
  }
}

interface Run {
  code: number;
  out: string;
  err: string;
  targets: ConnectTarget[];
}

interface Started {
  done: Promise<Run>;
  out(): string;
  interrupt(): void;
}

interface RunOptions {
  stdin?: string;
  env?: Record<string, string>;
  /** The clock; NOW when not given. */
  now?: () => number;
}

function start(argv: string[], client: FakeClient, options: RunOptions = {}): Started {
  let out = '';
  let err = '';
  const handlers = new Set<() => void>();
  const targets: ConnectTarget[] = [];
  const io: CliIo = {
    stdout: (d) => void (out += typeof d === 'string' ? d : Buffer.from(d).toString()),
    stderr: (t) => void (err += t),
    env: options.env ?? {},
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    readStdin: async () => options.stdin ?? '',
    now: options.now ?? (() => NOW),
  };
  const connect = (t: ConnectTarget): CliClient => (targets.push(t), client);
  const done = runCli(argv, {}, io, { connect }).then((code) => ({ code, out, err, targets }));
  return { done, out: () => out, interrupt: () => [...handlers].forEach((h) => h()) };
}

function run(argv: string[], client = new FakeClient(), options: RunOptions = {}): Promise<Run> {
  return start(argv, client, options).done;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(condition()).toBe(true);
}

function deployment(name: string, extra: Partial<KubeObject['metadata']> = {}, replicas = 2): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', creationTimestamp: ago(300), labels: { app: name }, ...extra },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { spec: { containers: [{ name, image: `${name}:1` }] } } },
    status: { readyReplicas: replicas, updatedReplicas: replicas, availableReplicas: replicas },
  };
}

function service(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', creationTimestamp: ago(45) }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', ports: [{ port: 80, protocol: 'TCP' }] } };
}

function pod(name: string, namespace = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, creationTimestamp: ago(192) },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'c' }] },
    status: { phase: 'Running', podIP: '10.1.0.9', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] },
  };
}

function seeded(): FakeClient {
  const c = new FakeClient();
  c.seed(deployment('web'), deployment('api', { labels: { app: 'api', tier: 'be' } }, 3), service('web'), pod('web-1'), pod('db-0', 'prod'));
  c.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', creationTimestamp: ago(7200) }, status: { phase: 'Active' } });
  return c;
}

describe('get', () => {
  it('prints a table per kind, wide columns, and NAMESPACE with -A', async () => {
    const c = seeded();
    expect((await run(['get', 'deploy'], c)).out).toBe('NAME  READY  UP-TO-DATE  AVAILABLE  AGE\nweb   2/2    2           2          5m\napi   3/3    3           3          5m\n');
    expect((await run(['get', 'pods', '-o', 'wide'], c)).out).toBe('NAME   READY  STATUS   RESTARTS  AGE    IP        NODE\nweb-1  1/1    Running  0         3m12s  10.1.0.9  node-1\n');
    expect((await run(['get', 'po', '-A'], c)).out).toBe('NAMESPACE  NAME   READY  STATUS   RESTARTS  AGE\ndefault    web-1  1/1    Running  0         3m12s\nprod       db-0   1/1    Running  0         3m12s\n');
    expect((await run(['get', 'pods', '-n=prod', '-o=name'], c)).out).toBe('pod/db-0\n');
    expect((await run(['get', 'deploy', '-l', 'tier=be'], c)).out).toBe('NAME  READY  UP-TO-DATE  AVAILABLE  AGE\napi   3/3    3           3          5m\n');
    expect(c.calls).toContain('list Pod ns=prod l= f= limit=500 continue=');
    expect(c.calls).toContain('list Pod ns= l= f= limit=500 continue=');
    expect(c.closed).toBe(5);
  });

  it('says "No resources found" on stderr when there is nothing', async () => {
    const c = seeded();
    expect(await run(['get', 'cm'], c)).toMatchObject({ code: 0, out: '', err: 'No resources found in default namespace.\n' });
    expect(await run(['get', 'jobs', '-n', 'prod'], c)).toMatchObject({ code: 0, err: 'No resources found in prod namespace.\n' });
    expect(await run(['get', 'nodes'], c)).toMatchObject({ code: 0, err: 'No resources found\n' });
    expect(await run(['get', 'cm', '-A'], c)).toMatchObject({ code: 0, err: 'No resources found\n' });
  });

  it('-o json prints one object by name, else the List shape with the listing revision', async () => {
    const c = seeded();
    const one = JSON.parse((await run(['get', 'deploy', 'web', '-o', 'json'], c)).out) as KubeObject;
    expect(one).toEqual(deployment('web'));
    const list = JSON.parse((await run(['get', 'deployments', '-o', 'json'], c)).out) as Record<string, unknown>;
    expect(Object.keys(list)).toEqual(['apiVersion', 'kind', 'metadata', 'items']);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(c.revision) } });
    // Items get the apiVersion and kind the server's list leaves out.
    expect(list['items']).toEqual([deployment('web'), deployment('api', { labels: { app: 'api', tier: 'be' } }, 3)]);
    const empty = JSON.parse((await run(['get', 'cm', '-o', 'json'], c)).out) as Record<string, unknown>;
    expect(empty).toEqual({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(c.revision) }, items: [] });
    const two = JSON.parse((await run(['get', 'deploy', 'web', 'api', '-o', 'json'], c)).out) as Record<string, unknown>;
    expect(two).toMatchObject({ kind: 'List', metadata: { resourceVersion: '' } });
    expect((await run(['get', 'svc', 'web', '-o', 'yaml'], c)).out).toContain('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n');
  });

  it('takes KIND/NAME, several kinds and "all", naming objects kind.group/name', async () => {
    const c = seeded();
    expect((await run(['get', 'deploy/web', 'svc/web', '-o', 'name'], c)).out).toBe('deployment.apps/web\nservice/web\n');
    const both = await run(['get', 'deploy,svc'], c);
    expect(both.out).toBe(
      'NAME                 READY  UP-TO-DATE  AVAILABLE  AGE\ndeployment.apps/web  2/2    2           2          5m\ndeployment.apps/api  3/3    3           3          5m\n\n' +
        'NAME         TYPE       CLUSTER-IP  EXTERNAL-IP  PORT(S)  AGE\nservice/web  ClusterIP  10.96.0.10  <none>       80/TCP   45s\n',
    );
    const all = await run(['get', 'all', '-o', 'name'], c);
    expect(all.out).toBe('pod/web-1\nservice/web\ndeployment.apps/web\ndeployment.apps/api\n');
  });

  it('reports each missing name (exit 1) and still prints the others', async () => {
    const r = await run(['get', 'deploy', 'web', 'nope'], seeded());
    expect(r).toMatchObject({ code: 1, err: 'error: deployments "nope" not found\n' });
    expect(r.out).toContain('web   2/2');
  });

  it('lists in chunks of --chunk-size', async () => {
    const c = seeded();
    const r = await run(['get', 'deploy', '--chunk-size', '1', '-o', 'name'], c);
    expect(r.out).toBe('deployment.apps/web\ndeployment.apps/api\n');
    expect(c.calls.filter((x) => x.startsWith('list'))).toEqual(['list Deployment ns=default l= f= limit=1 continue=', 'list Deployment ns=default l= f= limit=1 continue=1']);
    await run(['get', 'deploy', '--chunk-size', '0'], c);
    expect(c.calls.at(-1)).toBe('list Deployment ns=default l= f= limit=0 continue=');
  });

  it('--watch prints the rows, then a row per change from the listed revision, until Ctrl-C', async () => {
    const c = seeded();
    let clock = NOW;
    const s = start(['get', 'pods', '-w'], c, { now: () => clock });
    await until(() => c.watches.length === 1);
    const w = c.watches[0] as FakeWatch;
    expect(w.options).toEqual({ namespace: 'default', resourceVersion: String(c.revision) });
    // A pod created after the watch began: its age is measured when its row is printed.
    clock = NOW + 60_000;
    const { apiVersion: _a, kind: _k, ...bare } = pod('web-2');
    w.push({ type: 'ADDED', object: { ...bare, metadata: { ...bare.metadata, creationTimestamp: new Date(NOW + 55_000).toISOString() } } as KubeObject });
    await until(() => s.out().includes('web-2'));
    s.interrupt();
    const r = await s.done;
    expect(r.code).toBe(0);
    expect(r.out).toBe('NAME   READY  STATUS   RESTARTS  AGE\nweb-1  1/1    Running  0         3m12s\nweb-2  1/1    Running  0         5s\n');
    expect(w.closed).toBe(true);
  });

  it('--watch of one name watches it by field selector', async () => {
    const c = seeded();
    const s = start(['get', 'deploy', 'web', '-w', '-o', 'name'], c);
    await until(() => c.watches.length === 1);
    expect(c.watches[0]?.options.fieldSelector).toBe('metadata.name=web');
    s.interrupt();
    expect(await s.done).toMatchObject({ code: 0, out: 'deployment.apps/web\n' });
  });

  it('refuses bad kinds, formats and combinations with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['get', 'deploymnt'], 'error: unknown kind "deploymnt"; known: namespaces (ns), nodes (no), pods (po), deployments (deploy),'],
      [['get', 'deploy/web', 'api'], 'error: "api": use KIND/NAME for every argument or for none'],
      [['get', 'pods', '-o', 'xml'], 'error: -o/--output: must be one of table, wide, json, yaml, name (got "xml")'],
      [['get', 'pods', '--chunk-size=-1'], 'error: --chunk-size: must be an integer >= 0 (got "-1")'],
      [['get', 'pods', '--chunk-size', '-1'], 'error: --chunk-size: a value that starts with "-" goes after "=": --chunk-size=VALUE'],
      [['get', 'pods', 'a', '-l', 'app=x'], 'error: NAME and a selector (-l, --field-selector) cannot be given together'],
      [['get', 'pods,svc', '-w'], 'error: --watch: watch one kind at a time'],
      [['get'], 'error: missing KIND; usage: berth get KIND'],
      [['get', 'pods', '--bogus'], 'error: --bogus: unknown flag (see --help)'],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv, seeded());
      expect({ argv, code: r.code, err: r.err.slice(0, message.length) }).toEqual({ argv, code: 2, err: message });
    }
  });
});

describe('apply', () => {
  let dir = '';
  const file = (name: string): string => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-apply-'));
    const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2 } };
    await writeFile(file('app.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  ports: [{port: 80}]\n`);
    await writeFile(file('scaled.json'), JSON.stringify({ ...web, spec: { replicas: 5, foo: 1 } }));
    await writeFile(file('bad.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: neg}\nspec: {replicas: -1}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\ndata: {a: "1"}\n`);
    await writeFile(file('broken.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fine}\n---\nkind: Pod\n`);
    await writeFile(file('ns.yaml'), `apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n`);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints created, unchanged and configured, with warnings on stderr', async () => {
    const c = new FakeClient();
    expect(await run(['apply', '-f', file('app.yaml')], c)).toMatchObject({ code: 0, out: 'deployment.apps/web created\nservice/web created\n', err: '' });
    expect((await run(['apply', '-f', file('app.yaml')], c)).out).toBe('deployment.apps/web unchanged\nservice/web unchanged\n');
    const scaled = await run(['apply', '-f', file('scaled.json')], c);
    expect(scaled).toMatchObject({ code: 0, out: 'deployment.apps/web configured\n', err: 'Warning: spec.foo: unknown field, ignored\n' });
    expect(c.calls.filter((x) => x.startsWith('apply'))).toEqual([
      'apply Deployment default/web',
      'apply Service prod/web',
      'apply Deployment default/web',
      'apply Service prod/web',
      'apply Deployment default/web',
    ]);
  });

  it('puts objects without a namespace in -n, leaves cluster-wide kinds alone, and refuses a conflict', async () => {
    const c = new FakeClient();
    const r = await run(['apply', '-f', file('app.yaml'), '-f', file('ns.yaml'), '-n', 'prod', '--strict', '--dry-run'], c);
    expect(r).toMatchObject({ code: 0, out: 'deployment.apps/web created (dry run)\nservice/web created (dry run)\nnamespace/team created (dry run)\n' });
    expect(c.calls).toEqual(['apply Deployment prod/web strict dry-run', 'apply Service prod/web strict dry-run', 'apply Namespace -/team strict dry-run']);
    const conflict = await run(['apply', '-f', file('app.yaml'), '-n', 'dev'], new FakeClient());
    expect(conflict.code).toBe(1);
    expect(conflict.out).toBe('deployment.apps/web created\n');
    expect(conflict.err).toBe(`error: ${file('app.yaml')}: service/web: the namespace of the object ("prod") does not match -n "dev"; drop -n or use -n prod\n`);
  });

  it('goes on after an object fails, printing each cause, and exits with 1', async () => {
    const r = await run(['apply', '-f', file('bad.yaml')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('configmap/ok created\n');
    expect(r.err).toBe(`error: ${file('bad.yaml')}: deployment.apps/neg: Deployment "neg" is invalid\n  * spec.replicas: must be >= 0 (got -1)\n`);
  });

  it('sends nothing when a file has a problem', async () => {
    const c = new FakeClient();
    const r = await run(['apply', '-f', file('broken.yaml'), '-f', file('missing.yaml')], c);
    expect(r).toMatchObject({ code: 1, out: '', err: `error: ${file('broken.yaml')}: document 2: apiVersion is missing\n${file('missing.yaml')}: no such file or directory\n` });
    expect(c.calls).toEqual([]);
    expect(await run(['apply', '-f', file('missing.yaml')], c)).toMatchObject({ code: 1, err: `error: ${file('missing.yaml')}: no such file or directory\n` });
  });

  it('reads standard input, and prints -o name, json and yaml', async () => {
    const stdin = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n';
    expect((await run(['apply', '-f', '-', '-o', 'name'], new FakeClient(), { stdin })).out).toBe('configmap/a\nconfigmap/b\n');
    const list = JSON.parse((await run(['apply', '-f', '-', '-o', 'json'], new FakeClient(), { stdin })).out) as KubeList;
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' } });
    expect(list.items.map((o) => [o.metadata.name, o.metadata.namespace, o.metadata.resourceVersion])).toEqual([
      ['a', 'default', '101'],
      ['b', 'default', '102'],
    ]);
    const one = await run(['apply', '-f', '-', '-o', 'yaml'], new FakeClient(), { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' });
    expect(one.out).toMatch(/^apiVersion: v1\nkind: ConfigMap\nmetadata:\n {2}name: a\n {2}namespace: default\n/);
  });

  it('needs -f (exit 2)', async () => {
    expect(await run(['apply'])).toMatchObject({ code: 2, err: 'error: -f/--filename: is required (a file, a directory, or - for stdin)\n' });
    expect(await run(['apply', '-f', 'x', '-o', 'wide'])).toMatchObject({ code: 2, err: 'error: -o/--output: must be one of name, json, yaml (got "wide")\n' });
  });
});

describe('delete', () => {
  it('prints kubectl\'s line per object and passes the grace period', async () => {
    const c = seeded();
    const r = await run(['delete', 'deploy', 'web', 'api', '--grace-period', '0'], c);
    expect(r).toMatchObject({ code: 0, out: 'deployment.apps "web" deleted\ndeployment.apps "api" deleted\n', err: '' });
    expect(c.calls).toEqual(['delete Deployment default/web grace=0', 'delete Deployment default/api grace=0']);
    expect((await run(['delete', 'deploy/web', 'svc/web', '-o', 'name'], seeded())).out).toBe('deployment.apps/web\nservice/web\n');
    expect(await run(['delete', 'svc/web', 'po/db-0', '-n', 'prod'], seeded())).toMatchObject({ code: 1, out: 'pod "db-0" deleted\n', err: 'error: services "web" not found\n' });
    expect((await run(['delete', 'ns', 'prod'], seeded())).out).toBe('namespace "prod" deleted\n');
  });

  it('treats a missing object as an error unless --ignore-not-found, and goes on', async () => {
    const r = await run(['delete', 'deploy', 'nope', 'web'], seeded());
    expect(r).toMatchObject({ code: 1, out: 'deployment.apps "web" deleted\n', err: 'error: deployments "nope" not found\n' });
    expect(await run(['delete', 'deploy', 'nope', '--ignore-not-found'], seeded())).toMatchObject({ code: 0, out: '', err: '' });
  });

  it('says when finalizers keep an object, and waits for it to go unless --wait=false', async () => {
    const c = new FakeClient().seed(deployment('held', { finalizers: ['berth.dev/a', 'berth.dev/b'] }));
    const quick = await run(['delete', 'deploy', 'held', '--wait=false'], c);
    expect(quick).toMatchObject({ code: 0, out: 'deployment.apps "held" marked for deletion (finalizers: berth.dev/a, berth.dev/b)\n' });
    expect(c.watches).toEqual([]);
    const s = start(['delete', 'deploy', 'held'], c);
    await until(() => c.watches.length === 1);
    const w = c.watches[0] as FakeWatch;
    expect(w.options).toEqual({ namespace: 'default', fieldSelector: 'metadata.name=held', resourceVersion: String(c.revision) });
    w.push({ type: 'MODIFIED', object: deployment('held') });
    w.push({ type: 'DELETED', object: deployment('held') });
    const r = await s.done;
    expect(r).toMatchObject({ code: 0, out: 'deployment.apps "held" marked for deletion (finalizers: berth.dev/a, berth.dev/b)\ndeployment.apps "held" deleted\n' });
  });

  it('stops waiting on Ctrl-C with exit code 1', async () => {
    const c = new FakeClient().seed(deployment('held', { finalizers: ['x'] }));
    const s = start(['delete', 'deploy', 'held'], c);
    await until(() => c.watches.length === 1);
    s.interrupt();
    expect(await s.done).toMatchObject({ code: 1, err: 'error: stopped waiting for deployment.apps "held" to be deleted\n' });
  });

  it('deletes what manifests or a selector name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-delete-'));
    try {
      await writeFile(join(dir, 'm.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n');
      const r = await run(['delete', '-f', join(dir, 'm.yaml')], seeded());
      expect(r).toMatchObject({ code: 0, out: 'deployment.apps "web" deleted\nservice "web" deleted\n' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect((await run(['delete', 'deploy', '-l', 'tier=be'], seeded())).out).toBe('deployment.apps "api" deleted\n');
    expect((await run(['delete', 'deploy', '--all'], seeded())).out).toBe('deployment.apps "web" deleted\ndeployment.apps "api" deleted\n');
  });

  it('needs names, a selector or -f (exit 2)', async () => {
    expect(await run(['delete'])).toMatchObject({ code: 2, err: 'error: missing KIND NAME... or -f FILE; usage: berth delete KIND NAME... | -f FILE\n' });
    expect(await run(['delete', 'deploy'])).toMatchObject({ code: 2, err: 'error: deployments: name the objects to delete, or select them with -l SELECTOR or --all\n' });
    expect(await run(['delete', 'deploy', 'web', '--grace-period', 'soon'])).toMatchObject({ code: 2, err: 'error: --grace-period: must be an integer >= 0 (got "soon")\n' });
    expect(await run(['delete', 'deploy', 'web', '--wait=maybe'])).toMatchObject({ code: 2, err: 'error: --wait: takes no value\n' });
  });
});

describe('describe', () => {
  it('shows the object and the events about it', async () => {
    const c = seeded();
    c.seed(
      { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1', namespace: 'default' }, involvedObject: { kind: 'Deployment', name: 'web' }, type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up to 2', source: { component: 'deployment-controller' }, lastTimestamp: ago(120) },
      { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e2', namespace: 'default' }, involvedObject: { kind: 'Deployment', name: 'api' }, type: 'Normal', reason: 'Other', message: 'not about web' },
    );
    const r = await run(['describe', 'deploy', 'web'], c);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Name: +web\nNamespace: +default\nLabels: +app=web\n/);
    expect(r.out).toContain('Replicas:               2 desired | 2 updated | 0 total | 2 available | 0 unavailable\n');
    expect(r.out).toContain('Events:\n  Type    Reason             Age  From                   Message\n');
    expect(r.out).toContain('  Normal  ScalingReplicaSet  2m   deployment-controller  Scaled up to 2\n');
    expect(r.out).not.toContain('not about web');
    expect(c.calls).toContain('list Event ns=default l= f=involvedObject.name=web,involvedObject.kind=Deployment limit=0 continue=');
  });

  it('shows a service with its endpoints, and every object of a kind without a name', async () => {
    const c = seeded();
    c.seed({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [{ ip: '10.1.0.4' }], ports: [{ port: 8080 }] }] });
    expect((await run(['describe', 'svc/web'], c)).out).toContain('Endpoints:          10.1.0.4:8080\n');
    const all = await run(['describe', 'deploy'], c);
    expect(all.out.match(/^Name: /gm)).toHaveLength(2);
  });

  it('reports a missing object with exit code 1', async () => {
    expect(await run(['describe', 'pod', 'nope'], seeded())).toMatchObject({ code: 1, out: '', err: 'error: pods "nope" not found\n' });
  });
});

describe('create namespace', () => {
  it('creates it, and fails (exit 1) when it exists', async () => {
    const c = new FakeClient();
    expect(await run(['create', 'namespace', 'team'], c)).toMatchObject({ code: 0, out: 'namespace/team created\n' });
    expect(await run(['create', 'ns', 'team'], c)).toMatchObject({ code: 1, err: 'error: namespaces "team" already exists\n' });
    expect((await run(['create', 'ns', 'x', '--dry-run', '-o', 'name'], c)).out).toBe('namespace/x\n');
    expect(c.calls).toEqual(['create Namespace team', 'create Namespace team', 'create Namespace x dry-run']);
    expect((await run(['create', 'namespace'], c)).code).toBe(2);
  });
});

describe('version and cluster status', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

  it('version prints the client and the server, and only notes an unreachable server', async () => {
    expect((await run(['version'])).out).toBe(`Client Version: ${pkg.version}\nServer: leader r1, term 7, 2 members\n`);
    expect(JSON.parse((await run(['version', '-o', 'json'])).out)).toEqual({ clientVersion: { version: pkg.version }, server: { leader: 'r1', term: 7, members: 2 } });
    const down = new FakeClient();
    down.statusError = new UnavailableError('cannot connect to 127.0.0.1:7001');
    expect(await run(['version'], down)).toMatchObject({ code: 0, out: `Client Version: ${pkg.version}\n`, err: 'Note: no server version: cannot connect to 127.0.0.1:7001\n' });
    expect(JSON.parse((await run(['version', '--client', '-o', 'json'])).out)).toEqual({ clientVersion: { version: pkg.version } });
  });

  it('cluster status prints the overview as JSON, or a table of members', async () => {
    expect(JSON.parse((await run(['cluster', 'status', '-o', 'json'])).out)).toEqual(OVERVIEW);
    expect((await run(['cluster', 'status'])).out).toBe(
      'MEMBER  ADDRESS         ROLE      HEALTHY  COMMIT  APPLIED\nr1      127.0.0.1:7001  leader    yes      42      42\nr2      127.0.0.1:7002  follower  no       40      39\n',
    );
  });
});

describe('connecting', () => {
  it('prefers a flag to the environment, and --config to $BERTH_SERVER', () => {
    const env = { BERTH_SERVER: 'e:1', BERTH_CONFIG: '/env/config' };
    expect(connectTarget({ server: 'a:1,b:2', config: undefined }, {})).toEqual({ servers: ['a:1', 'b:2'] });
    expect(connectTarget({ server: undefined, config: undefined }, env)).toEqual({ servers: ['e:1'], config: '/env/config' });
    expect(connectTarget({ server: 'a:1', config: undefined }, env)).toEqual({ servers: ['a:1'], config: '/env/config' });
    expect(connectTarget({ server: undefined, config: '/flag' }, env)).toEqual({ config: '/flag' });
    expect(connectTarget({ server: undefined, config: undefined }, { BERTH_CONFIG: '/env/config' })).toEqual({ config: '/env/config' });
    expect(connectTarget({ server: undefined, config: undefined }, {})).toEqual({});
  });

  it('passes the flags given before or after the command to connect, once per run', async () => {
    expect((await run(['--server', 'h:1', 'get', 'pods'])).targets).toEqual([{ servers: ['h:1'] }]);
    expect((await run(['get', 'pods', '--config', '/c'], new FakeClient(), { env: { BERTH_SERVER: 'e:1' } })).targets).toEqual([{ config: '/c' }]);
    expect((await run(['--config=/c', 'version'])).targets).toEqual([{ config: '/c' }]);
    expect((await run(['get', 'pods'], new FakeClient(), { env: { BERTH_SERVER: 'x' } })).err).toBe('error: --server: each address must be host:port (got "x")\n');
  });
});

describe('help', () => {
  it('lists the verbs, and for each its flags and the kinds with their short names', async () => {
    const top = await run(['--help']);
    for (const verb of ['apply', 'get', 'describe', 'delete', 'create', 'version', 'kv', 'cluster']) expect(top.out).toMatch(new RegExp(`\\n  ${verb} +\\S`));
    const get = await run(['get', '--help']);
    expect(get.code).toBe(0);
    expect(get.out).toContain('Usage: berth get KIND');
    for (const flag of ['--all-namespaces', '--selector', '--field-selector', '--watch', '--chunk-size', '--output', '--server', '--config']) expect(get.out).toContain(flag);
    expect(get.out).toMatch(/deployments +deploy +namespaced/);
    expect(get.out).toMatch(/nodes +no +cluster/);
    expect((await run(['delete', '-h'])).out).toContain('--ignore-not-found');
    expect((await run(['apply', '--help'])).out).toContain('--strict');
    expect((await run(['-h', 'describe'])).out).toContain('Usage: berth describe KIND');
    expect((await run(['create', '--help'])).out).toMatch(/namespace +Create a namespace/);
  });
});
