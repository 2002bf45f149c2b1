// Proves `berth rollout`, `berth scale`, `apply --wait` and `delete --cascade` through runCli with
// real SDK clients of a real ObjectService over a one-replica store, the test writing what the
// controllers would (status, ReplicaSets with revisions, rollback annotations): rollout status
// prints kubectl's lines and exits 1 on a progress deadline, a rollback and a timeout; history
// as a table, as JSON and one revision's template; undo, pause, resume and restart with kubectl's
// lines and errors; scale with its preconditions and flag checks; apply --wait until rolled out
// or failed, with progress on stderr (redrawn on a terminal); and delete's --cascade policies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { runCli } from '../../client/cli/main.js';
import type { CliIo } from '../../client/cli/main.js';
import type { Client, KubeObject } from '../../client/index.js';
import { levelFixtures } from '../support/level-fixtures.js';
import type { ObjectServer } from './rollout-fixtures.js';
import { deployment, objectServer, rollBack, twoRevisions, until, writeStatus } from './rollout-fixtures.js';

const fx = levelFixtures('berth-cli-rollout-');
let server: ObjectServer;
let client: Client;

beforeEach(async () => {
  server = await objectServer(fx);
  client = server.client();
});

afterEach(async () => {
  await server.close();
});

interface Run {
  code: number;
  out: string;
  err: string;
}

interface Started {
  readonly result: Promise<Run>;
  /** What it printed on stdout so far. */
  out(): string;
  /** And on stderr. */
  err(): string;
}

/** Starts the CLI with a client of its own (the CLI closes it), as `berth` would. */
function start(argv: string[], options: { stdin?: string; tty?: boolean } = {}): Started {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (d) => void (out += typeof d === 'string' ? d : Buffer.from(d).toString()),
    stderr: (t) => void (err += t),
    stderrIsTTY: options.tty ?? false,
    env: {},
    onInterrupt: () => () => undefined,
    readStdin: async () => options.stdin ?? '',
  };
  const result = runCli(argv, {}, io, { connect: () => server.client() }).then((code) => ({ code, out, err }));
  return { result, out: () => out, err: () => err };
}

function run(argv: string[], options: { stdin?: string; tty?: boolean } = {}): Promise<Run> {
  return start(argv, options).result;
}

/** Starts `rollout status ...` and waits until it has read the object (it printed its first line). */
async function following(argv: string[]): Promise<Started> {
  const s = start(argv);
  await until(() => s.out() !== '', 'the first line of rollout status');
  return s;
}

const shown = (r: Run): string => `exit ${r.code}\n--- stdout\n${r.out}--- stderr\n${r.err}`;

type Rec = Record<string, unknown>;

function imageOf(d: KubeObject): string {
  return ((d.spec?.['template'] as Rec)['spec'] as { containers: { image: string }[] }).containers[0]?.image ?? '';
}

describe('berth rollout', () => {
  it('prints its help without a subcommand, and each subcommand has examples', async () => {
    const bare = await run(['rollout']);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('Usage: berth rollout COMMAND');
    for (const c of ['status', 'history', 'undo', 'pause', 'resume', 'restart']) expect(bare.err).toContain(`  ${c} `);
    const help = await run(['rollout', 'status', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('berth rollout status deployment/web');
    const top = await run(['--help']);
    expect(top.out).toMatch(/Object commands:[\s\S]*scale[\s\S]*rollout[\s\S]*Pod and node commands:/);
  });

  it("status prints kubectl's progress lines until the deployment is rolled out", async () => {
    await client.create(deployment('web', 'web:v1', 6));
    const done = (await following(['rollout', 'status', 'deployment/web'])).result;
    await writeStatus(client, 'Deployment', 'web', { replicas: 7, updatedReplicas: 2, availableReplicas: 5 });
    await writeStatus(client, 'Deployment', 'web', { replicas: 7, updatedReplicas: 6, availableReplicas: 5 });
    await writeStatus(client, 'Deployment', 'web', { replicas: 6, updatedReplicas: 6, availableReplicas: 4 });
    await writeStatus(client, 'Deployment', 'web', { replicas: 6, updatedReplicas: 6, availableReplicas: 6 });
    const r = await done;
    expect(r.code, shown(r)).toBe(0);
    expect(r.out).toBe(
      [
        'Waiting for deployment spec update to be observed...',
        'Waiting for deployment "web" rollout to finish: 2 out of 6 new replicas have been updated...',
        'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
        'Waiting for deployment "web" rollout to finish: 4 of 6 updated replicas are available...',
        'deployment "web" successfully rolled out',
        '',
      ].join('\n'),
    );
  });

  it('status exits 1 on a progress deadline, an automatic rollback and a timeout; --watch=false only looks', async () => {
    await twoRevisions(client, 'first version');
    const deadline = (await following(['rollout', 'status', 'deploy', 'web'])).result;
    await writeStatus(client, 'Deployment', 'web', { replicas: 3, updatedReplicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    const r1 = await deadline;
    expect(r1.code, shown(r1)).toBe(1);
    expect(r1.err).toBe('error: deployment "web" exceeded its progress deadline\n');

    await writeStatus(client, 'Deployment', 'web', { replicas: 3, updatedReplicas: 1, conditions: [] });
    const rolled = (await following(['rollout', 'status', 'deployment/web'])).result;
    await rollBack(client, 2, 'revision 2 crash-loops');
    const r2 = await rolled;
    expect(r2.code, shown(r2)).toBe(1);
    expect(r2.err).toBe('error: deployment "web" rollout failed and was rolled back automatically: revision 2 crash-loops\n');

    const once = await run(['rollout', 'status', 'deployment/web', '--watch=false']);
    expect(once.code, shown(once)).toBe(0);
    expect(once.out).toBe('Waiting for deployment spec update to be observed...\n');
    const late = await run(['rollout', 'status', 'deployment/web', '--timeout', '300ms']);
    expect(late.code, shown(late)).toBe(1);
    expect(late.err).toContain('error: timed out after 300ms waiting for the rollout of deployment "web"');
    const bad = await run(['rollout', 'status', 'deployment/web', '--timeout', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--timeout: must be a duration');
    const kind = await run(['rollout', 'status', 'pod/web']);
    expect(kind.code).toBe(2);
    expect(kind.err).toContain('rollout status: pods are not supported');
  });

  it('history lists revisions with their change cause, as a table, as JSON, and one template', async () => {
    await twoRevisions(client, 'first version');
    const table = await run(['rollout', 'history', 'deployment/web']);
    expect(table.code, shown(table)).toBe(0);
    expect(table.out).toBe('deployment.apps/web\nREVISION  CHANGE-CAUSE\n1         first version\n2         <none>\n');
    const json = await run(['rollout', 'history', 'deployment/web', '-o', 'json']);
    expect(JSON.parse(json.out)).toEqual({
      kind: 'Deployment',
      name: 'web',
      namespace: 'default',
      revisions: [
        { revision: 1, changeCause: 'first version', replicaSet: 'web-h1webv1' },
        { revision: 2, changeCause: null, replicaSet: 'web-h2webv2' },
      ],
    });
    const one = await run(['rollout', 'history', 'deployment/web', '--revision', '1', '-o', 'json']);
    const doc = JSON.parse(one.out) as { revisions: { template: Rec }[] };
    expect(doc.revisions.length).toBe(1);
    expect(doc.revisions[0]?.template['metadata']).toEqual({ labels: { app: 'web' } });
    const yaml = await run(['rollout', 'history', 'deployment/web', '--revision', '1']);
    expect(yaml.out).toMatch(/^deployment\.apps\/web with revision #1\nPod Template:\n {2}metadata:\n {4}labels:\n {6}app: web\n/);
    expect(yaml.out).toContain('image: web:v1');
    const missing = await run(['rollout', 'history', 'deployment/web', '--revision', '9']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('error: unable to find specified revision 9 in history\n');
  });

  it('undo goes back to the previous revision or to --to-revision, and says when it skipped', async () => {
    await twoRevisions(client, 'first version');
    const undo = await run(['rollout', 'undo', 'deployment/web']);
    expect(undo.code, shown(undo)).toBe(0);
    expect(undo.out).toBe('deployment.apps/web rolled back\n');
    expect(imageOf(await client.get('Deployment', 'web'))).toBe('web:v1');
    const again = await run(['rollout', 'undo', 'deployment/web', '--to-revision', '1']);
    expect(again.out).toBe('deployment.apps/web skipped rollback (current template already matches revision 1)\n');
    const missing = await run(['rollout', 'undo', 'deployment/web', '--to-revision', '9']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('error: unable to find specified revision 9 in history\n');
    const dry = await run(['rollout', 'undo', 'deployment/web', '--to-revision', '2', '--dry-run']);
    expect(dry.out).toBe('deployment.apps/web rolled back (dry run)\n');
    expect(imageOf(await client.get('Deployment', 'web'))).toBe('web:v1');
    const sts = await run(['rollout', 'undo', 'statefulset/db']);
    expect(sts.code).toBe(2);
    expect(sts.err).toContain('rollout undo: statefulsets are not supported (only deployments)');
  });

  it('pause, resume and restart print what they did; pausing twice is an error', async () => {
    await client.create(deployment('web'));
    expect((await run(['rollout', 'pause', 'deployment/web'])).out).toBe('deployment.apps/web paused\n');
    const twice = await run(['rollout', 'pause', 'deployment/web']);
    expect(twice.code).toBe(1);
    expect(twice.err).toBe('error: deployment "web" is already paused\n');
    const paused = await run(['rollout', 'restart', 'deployment/web']);
    expect(paused.code).toBe(1);
    expect(paused.err).toContain("can't restart paused deployment");
    expect((await run(['rollout', 'resume', 'deployment/web'])).out).toBe('deployment.apps/web resumed\n');
    expect((await run(['rollout', 'resume', 'deployment/web'])).err).toBe('error: deployment "web" is not paused\n');
    const restart = await run(['rollout', 'restart', 'deployment/web']);
    expect(restart.out).toBe('deployment.apps/web restarted\n');
    const d = await client.get('Deployment', 'web');
    const stamp = ((d.spec?.['template'] as Rec)['metadata'] as { annotations: Record<string, string> }).annotations['kubectl.kubernetes.io/restartedAt'];
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

describe('berth scale', () => {
  it('scales, in both argument forms, and checks --current-replicas and --resource-version', async () => {
    const d = await client.create(deployment('web', 'web:v1', 3));
    const r = await run(['scale', 'deployment/web', '--replicas', '5']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.out).toBe('deployment.apps/web scaled\n');
    expect((await run(['scale', 'deploy', 'web', '--replicas=2', '--current-replicas', '5'])).out).toBe('deployment.apps/web scaled\n');
    expect((await client.get('Deployment', 'web')).spec?.['replicas']).toBe(2);
    const wrong = await run(['scale', 'deployment/web', '--replicas', '4', '--current-replicas', '3']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toBe('error: precondition failed for deployment "web": expected replicas to be 3, was 2\n');
    const stale = await run(['scale', 'deployment/web', '--replicas', '4', '--resource-version', d.metadata.resourceVersion ?? '']);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('expected resource version to be');
    expect((await client.get('Deployment', 'web')).spec?.['replicas']).toBe(2);
  });

  it('refuses bad flags and kinds with a message naming them', async () => {
    const cases: [string[], string][] = [
      [['scale', 'deployment/web'], '--replicas: is required'],
      [['scale', 'deployment/web', '--replicas', 'many'], '--replicas: must be an integer >= 0 (got "many")'],
      [['scale', 'deployment/web', '--replicas=-1'], '--replicas: must be an integer >= 0 (got "-1")'],
      [['scale', 'deployment/web', '--replicas', '1', '--current-replicas', 'x'], '--current-replicas: must be an integer >= 0'],
      [['scale', 'daemonset/x', '--replicas', '1'], 'cannot scale daemonsets: only deployments, replicasets and statefulsets can be scaled'],
      [['scale', 'deployment/a', 'deployment/b', '--replicas', '1', '--resource-version', '5'], '--resource-version: only one object'],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect(r.code, shown(r)).toBe(2);
      expect(r.err).toContain(message);
    }
    const missing = await run(['scale', 'deployment/nope', '--replicas', '1']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('not found');
  });
});

describe('berth apply --wait', () => {
  const manifest = (image: string, replicas = 2): string => toYaml(deployment('web', image, replicas));

  /** Waits until `apply --wait` follows the Deployment, then rolls it out as a controller would. */
  async function rollOut(applying: Started, replicas = 2): Promise<void> {
    await until(() => applying.err().includes('deployment.apps/web: '), 'the first progress line');
    await writeStatus(client, 'Deployment', 'web', { replicas, updatedReplicas: 1, availableReplicas: 0 });
    await writeStatus(client, 'Deployment', 'web', { replicas, updatedReplicas: replicas, availableReplicas: replicas });
  }

  it('applies, then waits until the deployment rolled out, with progress on stderr', async () => {
    const applying = start(['apply', '-f', '-', '--wait', '--timeout', '10s'], { stdin: manifest('web:v1') });
    await rollOut(applying);
    const r = await applying.result;
    expect(r.code, shown(r)).toBe(0);
    expect(r.out).toBe('deployment.apps/web created\n');
    expect(r.err).toContain('deployment.apps/web: Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n');
    expect(r.err.endsWith('deployment.apps/web: deployment "web" successfully rolled out\n')).toBe(true);
  });

  it('redraws the progress lines in place on a terminal', async () => {
    const applying = start(['apply', '-f', '-', '--wait'], { stdin: manifest('web:v1'), tty: true });
    await rollOut(applying);
    const r = await applying.result;
    expect(r.code, shown(r)).toBe(0);
    expect(r.err).toContain('\x1b[1A\r\x1b[2Kdeployment.apps/web: deployment "web" successfully rolled out\n');
  });

  it('exits 1 naming the deployment when its rollout was rolled back, and the job when it failed', async () => {
    await client.create(deployment('web', 'web:v1', 2));
    await writeStatus(client, 'Deployment', 'web', { replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'default' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'migrate:v1' }] } } },
    };
    const applying = run(['apply', '-f', '-', '--wait'], { stdin: `${manifest('web:v2')}---\n${toYaml(job)}` });
    await until(async () => (await client.get('Deployment', 'web')).metadata.generation === 2, 'the new template');
    await until(async () => (await client.list('Job', { namespace: 'default' })).items.length === 1, 'the job');
    await rollBack(client, 2, 'pods of the new template never became ready');
    await writeStatus(client, 'Job', 'migrate', { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] });
    const r = await applying;
    expect(r.code, shown(r)).toBe(1);
    expect(r.out).toBe('deployment.apps/web configured\njob.batch/migrate created\n');
    expect(r.err).toContain('error: deployment.apps/web: deployment "web" rollout failed and was rolled back automatically: pods of the new template never became ready\n');
    expect(r.err).toContain('error: job.batch/migrate: job "migrate" failed: BackoffLimitExceeded: Job has reached the specified backoff limit\n');
  });

  it('times out, and refuses --timeout without --wait and --wait with --dry-run', async () => {
    const r = await run(['apply', '-f', '-', '--wait', '--timeout', '200ms'], { stdin: manifest('web:v1') });
    expect(r.code, shown(r)).toBe(1);
    expect(r.err).toContain('error: deployment.apps/web: timed out after 200ms waiting for the rollout of deployment "web" (Waiting for deployment spec update to be observed...)\n');
    expect((await run(['apply', '-f', '-', '--timeout', '1m'], { stdin: manifest('web:v1') })).err).toContain('--timeout: only with --wait');
    expect((await run(['apply', '-f', '-', '--wait', '--dry-run'], { stdin: manifest('web:v1') })).code).toBe(2);
  });
});

describe('berth delete --cascade', () => {
  it('sends the propagation policy: orphan and foreground keep the owner until the collector is done', async () => {
    await client.create(deployment('a'));
    await client.create(deployment('b'));
    await client.create(deployment('c'));
    const orphan = await run(['delete', 'deployment/a', '--cascade=orphan', '--wait=false']);
    expect(orphan.code, shown(orphan)).toBe(0);
    expect(orphan.out).toBe('deployment.apps "a" marked for deletion (finalizers: orphan)\n');
    const fg = await run(['delete', 'deployment/b', '--cascade', 'foreground', '--wait=false']);
    expect(fg.out).toBe('deployment.apps "b" marked for deletion (finalizers: foregroundDeletion)\n');
    const bg = await run(['delete', 'deployment/c']);
    expect(bg.out).toBe('deployment.apps "c" deleted\n');
    await expect(client.get('Deployment', 'c')).rejects.toThrow('not found');
  });

  it('refuses --cascade=false, pointing at orphan, and unknown values', async () => {
    const no = await run(['delete', 'deployment/a', '--cascade=false']);
    expect(no.code).toBe(2);
    expect(no.err).toBe('error: --cascade=false: use --cascade=orphan to leave the dependents in place (the boolean form is deprecated)\n');
    const bad = await run(['delete', 'deployment/a', '--cascade=later']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--cascade: must be one of background, foreground, orphan (got "later")');
  });
});
