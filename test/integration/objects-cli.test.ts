// Proves the `berth` CLI's object verbs against a real 3-replica cluster, run as a user runs
// them (`node client/cli/bin.js ...` as a child process): what apply, get, describe and delete
// print, byte for byte where scripts depend on it (apply's lines, -o json|yaml|name, the
// documented `cluster status -o json` shape), their exit codes (0 done, 1 failed, 2 usage), and
// that the servers can come from a client config file named by $BERTH_CONFIG.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Client, KubeObject } from '../../client/index.js';
import { ROOT, cliEnv, runBerth, shownRun } from '../support/berth-cli.js';
import type { CliRun } from '../support/berth-cli.js';
import { BerthCluster } from '../support/berth-cluster.js';
import { Resources, waitFor } from '../support/procs.js';

const WEB_YAML = join(ROOT, 'deploy/examples/web.yaml');
const TEST_TIMEOUT_MS = 120_000;

let res: Resources;
let cluster: BerthCluster;
let client: Client;
let servers: string;
let tmp: string;

interface RunOptions {
  readonly stdin?: string;
  /** The child's environment; default: ours without BERTH_SERVER and BERTH_CONFIG, HOME = a temp dir. */
  readonly env?: NodeJS.ProcessEnv;
  /** Whether --server is appended. @default true */
  readonly withServer?: boolean;
}

/** Runs `berth ARGS` against the test cluster and returns its exit code and output. */
function berth(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  return runBerth(args, {
    home: tmp,
    ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
    ...(options.withServer === false ? {} : { servers }),
  });
}

const shown = shownRun;

/** Runs and expects exit code 0 and an empty stderr. */
async function ok(args: readonly string[], options: RunOptions = {}): Promise<string> {
  const r = await berth(args, options);
  expect(r.code, shown(r)).toBe(0);
  expect(r.stderr, shown(r)).toBe('');
  return r.stdout;
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

function deploymentManifest(name: string, containerName: string, extraSpec = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: demo
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
${extraSpec}  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${containerName}
          image: nginx:1.27
`;
}

beforeAll(async () => {
  res = new Resources();
  tmp = await res.tempDir('berth-cli-it-');
  cluster = await BerthCluster.start(res, { replicas: 3 });
  servers = cluster.endpoints().join(',');
  client = cluster.client();
  // The leader makes the default namespaces once elected.
  await waitFor(async () => (await client.list('Namespace')).items.some((n) => n.metadata.name === 'default'), { timeoutMs: 15_000, what: 'namespace default' });
}, 60_000);

afterAll(async () => {
  client?.close();
  await res?.cleanup();
});

// The tests share the cluster and run in order: the first applies deploy/examples/web.yaml,
// the later ones read and finally delete what it made.
describe('berth CLI against a 3-replica cluster', () => {
  it('applies the example manifest, then finds nothing to change on a second apply', async () => {
    const first = await ok(['apply', '-f', WEB_YAML]);
    expect(first).toBe('namespace/demo created\nconfigmap/web-config created\ndeployment.apps/web created\nservice/web created\n');
    const second = await ok(['apply', '-f', WEB_YAML]);
    expect(second).toBe('namespace/demo unchanged\nconfigmap/web-config unchanged\ndeployment.apps/web unchanged\nservice/web unchanged\n');
  }, TEST_TIMEOUT_MS);

  it('applies a manifest read from standard input', async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-stdin\n  namespace: demo\n  labels:\n    app: stdin\ndata:\n  k: v\n';
    expect(await ok(['apply', '-f', '-'], { stdin: manifest })).toBe('configmap/from-stdin created\n');
    expect(await ok(['apply', '-f', '-'], { stdin: manifest })).toBe('configmap/from-stdin unchanged\n');
    const stored = await client.get('cm', 'from-stdin', { namespace: 'demo' });
    expect(stored.data).toEqual({ k: 'v' });
  }, TEST_TIMEOUT_MS);

  it('prints a table, and more columns with -o wide', async () => {
    // The controllers run but no agent does: the deployment's 3 pods are created, never ready.
    await waitFor(async () => (await client.get('deploy', 'web', { namespace: 'demo' })).status?.['updatedReplicas'] === 3, {
      timeoutMs: 15_000,
      what: 'deployment web to have 3 up-to-date pods',
    });
    const table = lines(await ok(['get', 'deploy', '-n', 'demo']));
    expect(table).toHaveLength(2);
    expect(table[0]).toBe('NAME  READY  UP-TO-DATE  AVAILABLE  AGE');
    expect(table[1]).toMatch(/^web {3}0\/3 {4}3 {11}0 {10}\d+s$/);
    const wide = lines(await ok(['get', 'deploy', '-n', 'demo', '-o', 'wide']));
    expect(wide).toHaveLength(2);
    expect(wide[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
    expect(wide[1]).toMatch(/^web\s+0\/3\s+3\s+0\s+\d+s\s+web\s+node:20-alpine\s+app=web$/);
    // Its pods wait for a node, and say why.
    const pods = lines(await ok(['get', 'pods', '-n', 'demo']));
    expect(pods).toHaveLength(4);
    for (const row of pods.slice(1)) expect(row).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\s+0\/1\s+Pending\s+0\s+\d+s$/);
  }, TEST_TIMEOUT_MS);

  it('prints one object as JSON or YAML, several as a List, and kind/name with -o name', async () => {
    const [json, yaml, name, cms] = await Promise.all([
      ok(['get', 'deploy', 'web', '-n', 'demo', '-o', 'json']),
      ok(['get', 'deploy', 'web', '-n', 'demo', '-o', 'yaml']),
      ok(['get', 'deploy', 'web', '-n', 'demo', '-o', 'name']),
      ok(['get', 'cm', '-n', 'demo', '-o', 'json']),
    ]);
    const obj = JSON.parse(json) as KubeObject;
    expect(obj.kind).toBe('Deployment');
    expect(obj.apiVersion).toBe('apps/v1');
    expect(obj.metadata.name).toBe('web');
    expect(obj.metadata.namespace).toBe('demo');
    expect(obj.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(obj.spec?.['replicas']).toBe(3);
    expect(parseYaml(yaml)).toEqual(obj);
    expect(name).toBe('deployment.apps/web\n');
    const list = JSON.parse(cms) as { apiVersion: string; kind: string; metadata: { resourceVersion: string }; items: KubeObject[] };
    expect(list.apiVersion).toBe('v1');
    expect(list.kind).toBe('List');
    expect(list.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(list.items.map((i) => i.metadata.name).sort()).toEqual(['from-stdin', 'web-config']);
    expect(list.items.every((i) => i.kind === 'ConfigMap' && i.apiVersion === 'v1')).toBe(true);
    expect(list.items.find((i) => i.metadata.name === 'web-config')?.data).toEqual({ GREETING: 'hello from berth' });
  }, TEST_TIMEOUT_MS);

  it('says "No resources found" on stderr, and exits 0, when nothing matches', async () => {
    const r = await berth(['get', 'jobs', '-A']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('No resources found\n');
    const inNs = await berth(['get', 'deploy', '-n', 'demo', '-l', 'app=nothing']);
    expect(inNs.code, shown(inNs)).toBe(0);
    expect(inNs.stdout).toBe('');
    expect(inNs.stderr).toBe('No resources found in demo namespace.\n');
  }, TEST_TIMEOUT_MS);

  it('selects by label and by field', async () => {
    const [byLabel, byField, stdinOnly] = await Promise.all([
      ok(['get', 'deploy', '-l', 'app=web', '-n', 'demo']),
      ok(['get', 'ns', '--field-selector', 'metadata.name=demo']),
      ok(['get', 'cm', '-n', 'demo', '-l', 'app=stdin', '-o', 'name']),
    ]);
    const labelRows = lines(byLabel);
    expect(labelRows).toHaveLength(2);
    expect(labelRows[1]).toMatch(/^web\s/);
    const fieldRows = lines(byField);
    expect(fieldRows[0]).toMatch(/^NAME\s+STATUS\s+AGE$/);
    expect(fieldRows.slice(1)).toHaveLength(1);
    expect(fieldRows[1]).toMatch(/^demo\s+Active\s+\d+s$/);
    expect(stdinOnly).toBe('configmap/from-stdin\n');
  }, TEST_TIMEOUT_MS);

  it('describes a deployment with its replicas and events', async () => {
    const page = await ok(['describe', 'deploy', 'web', '-n', 'demo']);
    expect(page).toMatch(/^Name:\s+web$/m);
    expect(page).toMatch(/^Namespace:\s+demo$/m);
    expect(page).toMatch(/^Replicas:\s+3 desired \| 3 updated \| 3 total \| 0 available \| 3 unavailable$/m);
    expect(page).toMatch(/^Selector:\s+app=web$/m);
    // What the deployment controller did, and why.
    expect(page).toMatch(/^Events:$/m);
    expect(page).toMatch(/Normal\s+ScalingReplicaSet\s+.*Scaled up replica set web-[a-z0-9]+ to 3$/m);
    // The last-applied annotation is for tools, not for people.
    expect(page).not.toContain('last-applied-configuration');
  }, TEST_TIMEOUT_MS);

  it('prints the documented cluster status and version JSON', async () => {
    const [statusJson, versionJson] = await Promise.all([ok(['cluster', 'status', '-o', 'json']), ok(['version', '-o', 'json'])]);
    const st = JSON.parse(statusJson) as { leader: string; term: number; members: Record<string, unknown>[] };
    expect(Object.keys(st).sort()).toEqual(['leader', 'members', 'term']);
    expect(typeof st.term).toBe('number');
    expect(st.term).toBeGreaterThan(0);
    expect(st.members).toHaveLength(3);
    for (const m of st.members) {
      expect(Object.keys(m).sort()).toEqual(['address', 'appliedIndex', 'commitIndex', 'healthy', 'id', 'role']);
      expect(m['healthy']).toBe(true);
      expect(typeof m['commitIndex']).toBe('number');
      expect(typeof m['appliedIndex']).toBe('number');
    }
    expect(st.members.map((m) => m['id']).sort()).toEqual(cluster.specs.map((s) => s.id).sort());
    expect(st.members.map((m) => m['address']).sort()).toEqual(cluster.endpoints().sort());
    const leaders = st.members.filter((m) => m['role'] === 'leader');
    expect(leaders).toHaveLength(1);
    expect(leaders[0]?.['id']).toBe(st.leader);
    expect(st.members.filter((m) => m['role'] === 'follower')).toHaveLength(2);

    const version = JSON.parse(versionJson) as Record<string, unknown>;
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version).toEqual({ clientVersion: { version: pkg.version }, server: { leader: st.leader, term: expect.any(Number), members: 3 } });
  }, TEST_TIMEOUT_MS);

  it('exits 2 for an unknown kind and 1 for an object that is not there', async () => {
    const [typo, missing] = await Promise.all([berth(['get', 'deploymnt']), berth(['get', 'deploy', 'nope', '-n', 'demo'])]);
    expect(typo.code, shown(typo)).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toMatch(/^error: unknown kind "deploymnt"; known: .*deployments \(deploy\)/);
    expect(missing.code, shown(missing)).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe('error: deployments.apps "nope" not found in namespace "demo"\n');
  }, TEST_TIMEOUT_MS);

  it('names the field of an invalid object, and writes nothing', async () => {
    const file = join(tmp, 'bad.yaml');
    await writeFile(file, deploymentManifest('bad', 'Web_1'));
    const r = await berth(['apply', '-f', file]);
    expect(r.code, shown(r)).toBe(1);
    expect(r.stdout).toBe('');
    // The error names the file and the object; each field at fault gets a line of its own.
    expect(r.stderr).toBe(`error: ${file}: deployment.apps/bad: Deployment "bad" is invalid\n  * spec.template.spec.containers[0].name: must be a DNS-1123 label (got "Web_1")\n`);
    expect(await client.get('deploy', 'bad', { namespace: 'demo' }).catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND' });
  }, TEST_TIMEOUT_MS);

  it('refuses unknown fields with --strict and warns about them without', async () => {
    const file = join(tmp, 'unknown-field.yaml');
    await writeFile(file, deploymentManifest('odd', 'web', '  frobnicate: true\n'));
    const strict = await berth(['apply', '--strict', '-f', file]);
    expect(strict.code, shown(strict)).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toBe(`error: ${file}: deployment.apps/odd: Deployment "odd" is invalid\n  * spec.frobnicate: unknown field\n`);
    expect(await client.get('deploy', 'odd', { namespace: 'demo' }).catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND' });
    const lax = await berth(['apply', '-f', file]);
    expect(lax.code, shown(lax)).toBe(0);
    expect(lax.stdout).toBe('deployment.apps/odd created\n');
    // One warning line, not one from the SDK and another from the CLI.
    expect(lax.stderr).toBe('Warning: spec.frobnicate: unknown field, ignored\n');
  }, TEST_TIMEOUT_MS);

  it('reads the servers from the file $BERTH_CONFIG names', async () => {
    const config = join(tmp, 'berth-config.yaml');
    await writeFile(config, `# written by objects-cli.test.ts\nservers:\n${cluster.endpoints().map((e) => `  - ${e}\n`).join('')}`);
    const r = await berth(['get', 'ns', '-o', 'name'], { withServer: false, env: { ...cliEnv(tmp), BERTH_CONFIG: config } });
    expect(r.code, shown(r)).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual(expect.arrayContaining(['namespace/default', 'namespace/demo']));
    // Without --server, $BERTH_SERVER or $BERTH_CONFIG there is nothing to connect to.
    const none = await berth(['get', 'ns'], { withServer: false });
    expect(none.code, shown(none)).toBe(1);
    expect(none.stderr).toMatch(/^error: no servers: /);
  }, TEST_TIMEOUT_MS);

  it('deletes a deployment, then the namespace with everything in it', async () => {
    expect(await ok(['delete', 'deploy', 'web', '-n', 'demo'])).toBe('deployment.apps "web" deleted\n');
    const gone = await berth(['get', 'deploy', 'web', '-n', 'demo']);
    expect(gone.code, shown(gone)).toBe(1);
    const ns = await berth(['delete', 'ns', 'demo']);
    expect(ns.code, shown(ns)).toBe(0);
    expect(ns.stderr).toBe('');
    // A namespace is marked first; delete waits (by default) until its contents and it are gone.
    expect(ns.stdout).toBe('namespace "demo" marked for deletion\nnamespace "demo" deleted\n');
    await waitFor(
      async () => {
        const r = await berth(['get', 'ns', 'demo']);
        if (r.code === 0) return false;
        expect(r.code, shown(r)).toBe(1);
        expect(r.stderr).toBe('error: namespaces "demo" not found\n');
        return true;
      },
      { timeoutMs: 20_000, intervalMs: 200, what: 'namespace demo to be gone' },
    );
    expect((await client.list('cm', { namespace: 'demo' })).items).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
