// Proves that a PodWorker drives a Runtime for one pod as the kubelet does: init containers in
// order before the app containers, restarts per restartPolicy with a doubling back-off, probes that
// restart (liveness), gate readiness and gate each other (startup), config errors that wait and
// retry, ports kept across restarts, adoption after an agent restart, the active deadline,
// termination with the grace period, and a status reported only when it changed.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import type { PodSources, PodTimers, PodWorkerOptions, SourceKind } from '../../node/pods/index.js';
import { PodWorker, compilePodWorkerOptions } from '../../node/pods/index.js';
import type { ContainerConfig, ContainerInstance, ExecOptions, ExecSession, Runtime, Usage } from '../../node/runtime/index.js';

const T0 = Date.parse('2026-11-22T07:25:00Z');

/** Timers that fire only when the test advances time. */
class FakeClock implements PodTimers {
  t = T0;
  private seq = 0;
  private queue: { at: number; seq: number; fn: () => void }[] = [];
  readonly now = (): number => this.t;

  setTimeout(fn: () => void, ms: number): unknown {
    const h = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.queue.push(h);
    return h;
  }

  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((h) => h !== handle);
  }

  /** Moves time forward, firing due timers in order and letting the worker react after each. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const due = this.queue.filter((h) => h.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.queue = this.queue.filter((h) => h !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
    await settle();
  }
}

/** Lets promises and the worker's real file and socket I/O run (a few turns of the real event loop). */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise((r) => setTimeout(r, 2));
}

/** A Runtime whose containers run until the test says they exit. */
class TestRuntime implements Runtime {
  readonly name = 'test';
  readonly version = '1';
  readonly configs: ContainerConfig[] = [];
  readonly stops: { id: string; graceMs: number }[] = [];
  readonly removed: string[] = [];
  readonly execs: string[][] = [];
  /** Exit code of an exec by its first argument (default 0). */
  readonly execCodes = new Map<string, number>();
  private readonly instances = new Map<string, ContainerInstance>();
  private readonly listeners = new Set<(i: ContainerInstance) => void>();

  constructor(private readonly clock: FakeClock) {}

  recover(): Promise<ContainerInstance[]> {
    return Promise.resolve([]);
  }

  start(config: ContainerConfig): Promise<ContainerInstance> {
    this.configs.push(config);
    const i: ContainerInstance = {
      id: `${config.podUid}/${config.name}/${config.attempt}`,
      podUid: config.podUid,
      name: config.name,
      attempt: config.attempt,
      init: config.init,
      state: { state: 'running', pid: 1000 + this.configs.length, startedAt: new Date(this.clock.now()) },
    };
    this.instances.set(i.id, i);
    return Promise.resolve(i);
  }

  /** Puts an instance in as if a previous agent had started it. */
  seed(i: ContainerInstance): void {
    this.instances.set(i.id, i);
  }

  /** The latest instance of a container ends with `exitCode`. */
  exit(name: string, exitCode: number, signal?: string): ContainerInstance {
    const i = [...this.instances.values()].filter((x) => x.name === name && x.state.state === 'running').sort((a, b) => b.attempt - a.attempt)[0];
    if (i === undefined) throw new Error(`no running instance of ${name}`);
    return this.finish(i, exitCode, signal);
  }

  private finish(i: ContainerInstance, exitCode: number, signal?: string): ContainerInstance {
    const startedAt = i.state.state === 'running' ? i.state.startedAt : undefined;
    const done: ContainerInstance = {
      ...i,
      state: { state: 'exited', exitCode, ...(signal ? { signal } : {}), reason: exitCode === 0 ? 'Completed' : 'Error', ...(startedAt ? { startedAt } : {}), finishedAt: new Date(this.clock.now()) },
    };
    this.instances.set(i.id, done);
    for (const l of [...this.listeners]) l(done);
    return done;
  }

  stop(id: string, graceMs: number): Promise<ContainerInstance> {
    this.stops.push({ id, graceMs });
    const i = this.instances.get(id);
    if (i === undefined) return Promise.reject(new Error(`no instance ${id}`));
    return Promise.resolve(i.state.state === 'running' ? this.finish(i, 143, 'SIGTERM') : i);
  }

  remove(id: string): Promise<void> {
    this.removed.push(id);
    this.instances.delete(id);
    return Promise.resolve();
  }

  removePod(): Promise<void> {
    return Promise.resolve();
  }

  status(id: string): ContainerInstance | undefined {
    return this.instances.get(id);
  }

  list(): ContainerInstance[] {
    return [...this.instances.values()];
  }

  onExit(listener: (i: ContainerInstance) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get exitListeners(): number {
    return this.listeners.size;
  }

  async *logs(): AsyncIterable<Buffer> {
    // No output.
  }

  exec(_id: string, argv: readonly string[], _options: ExecOptions): ExecSession {
    this.execs.push([...argv]);
    return {
      output: (async function* () {
        yield { stream: 'stdout' as const, data: Buffer.from('probe output') };
      })(),
      exitCode: Promise.resolve(this.execCodes.get(argv[0] ?? '') ?? 0),
    };
  }

  usage(): Promise<Usage | undefined> {
    return Promise.resolve({ cpuMillicores: 5, memoryBytes: 1000 });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  running(name: string): number {
    return [...this.instances.values()].filter((x) => x.name === name && x.state.state === 'running').length;
  }
}

/** ConfigMaps and Secrets in a Map; change() tells the listeners. */
class MapSources implements PodSources {
  readonly objects = new Map<string, KubeObject>();
  private readonly listeners = new Set<(kind: SourceKind, ns: string, name: string) => void>();

  get(kind: SourceKind, namespace: string, name: string): Promise<KubeObject | undefined> {
    return Promise.resolve(this.objects.get(`${kind}/${namespace}/${name}`));
  }

  set(kind: SourceKind, name: string, extra: Record<string, unknown>): void {
    this.objects.set(`${kind}/default/${name}`, { apiVersion: 'v1', kind, metadata: { name, namespace: 'default' }, ...extra });
    for (const l of [...this.listeners]) l(kind, 'default', name);
  }

  onChange(listener: (kind: SourceKind, ns: string, name: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {}
}

let dir: string;
let clock: FakeClock;
let runtime: TestRuntime;
let sources: MapSources;
let reported: KubeObject[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-pods-worker-'));
  clock = new FakeClock();
  runtime = new TestRuntime(clock);
  sources = new MapSources();
  reported = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function podOf(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'uid-1', ...metadata }, spec };
}

function worker(spec: Record<string, unknown>, options: PodWorkerOptions = {}): PodWorker {
  return new PodWorker(podOf(spec), {
    runtime,
    sources,
    podsDir: dir,
    nodeName: 'n1',
    nodeAddress: '127.0.0.1',
    options: compilePodWorkerOptions(options),
    logger: pino({ level: process.env.POD_TEST_LOG ?? 'silent' }),
    now: clock.now,
    timers: clock,
    onStatus: (p) => reported.push(p),
  });
}

type Status = {
  phase: string;
  reason?: string;
  conditions: { type: string; status: string; reason?: string; lastTransitionTime: string }[];
  containerStatuses: Record<string, unknown>[];
  initContainerStatuses?: Record<string, unknown>[];
};

function st(w: PodWorker): Status {
  return w.status() as unknown as Status;
}

function cond(w: PodWorker, type: string): string | undefined {
  return st(w).conditions.find((c) => c.type === type)?.status;
}

function cs(w: PodWorker, i = 0): Record<string, unknown> {
  return st(w).containerStatuses[i] ?? {};
}

const app = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name, image: 'busybox', command: ['/bin/sleep', '1000'], ...extra });

describe('starting a pod', () => {
  it('starts the app container with its resolved config and reports Running and Ready', async () => {
    const w = worker({ containers: [app('main', { args: ['$(BERTH_POD_NAME)'], resources: { limits: { memory: '64Mi', cpu: '500m' } } })] });
    w.start([]);
    await settle();
    expect(runtime.configs).toHaveLength(1);
    const c = runtime.configs[0]!;
    expect(c).toMatchObject({ podUid: 'uid-1', namespace: 'default', podName: 'web', name: 'main', attempt: 0, init: false, image: 'busybox', memoryLimitBytes: 64 * 2 ** 20, cpuLimitMillicores: 500 });
    expect(c.argv).toEqual(['/bin/sleep', '1000', 'web']);
    expect(c.workingDir).toBe(join(dir, 'uid-1', 'containers', 'main'));
    expect(c.env).toMatchObject({ HOSTNAME: 'web', BERTH_POD_UID: 'uid-1', BERTH_NODE_NAME: 'n1', BERTH_POD_IP: '127.0.0.1' });
    const s = st(w);
    expect(s).toMatchObject({ phase: 'Running', hostIP: '127.0.0.1', podIP: '127.0.0.1', qosClass: 'Guaranteed', startTime: '2026-11-22T07:25:00Z' });
    expect(cs(w)).toMatchObject({ name: 'main', ready: true, started: true, restartCount: 0, containerID: 'process://uid-1/main/0', state: { running: { startedAt: '2026-11-22T07:25:00Z' } } });
    expect(cond(w, 'Ready')).toBe('True');
    expect(cond(w, 'ContainersReady')).toBe('True');
    expect(cond(w, 'Initialized')).toBe('True');
    expect(cond(w, 'PodScheduled')).toBe('True');
    expect(reported.at(-1)).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'default', name: 'web', uid: 'uid-1' } });
  });

  it('reports the status only when it changed', async () => {
    const w = worker({ containers: [app('main')] });
    w.start([]);
    await settle();
    const n = reported.length;
    w.update(podOf({ containers: [app('main')] }, { labels: { a: 'b' } }));
    await clock.advance(60_000);
    expect(reported).toHaveLength(n);
    runtime.exit('main', 1);
    await settle();
    expect(reported.length).toBeGreaterThan(n);
  });

  it('waits with CreateContainerError for a container without a command, and never retries it', async () => {
    const w = worker({ containers: [{ name: 'web', image: 'nginx' }] });
    w.start([]);
    await clock.advance(120_000);
    expect(runtime.configs).toHaveLength(0);
    expect(st(w).phase).toBe('Pending');
    expect(cs(w).state).toEqual({
      waiting: { reason: 'CreateContainerError', message: 'container "web" has no command: the process runtime runs a container\'s command (and args); image "nginx" alone cannot be run' },
    });
  });
});

describe('bounds', () => {
  it('cuts a status message at maxStatusMessageChars', async () => {
    const w = worker({ containers: [{ name: 'web', image: 'nginx' }] }, { maxStatusMessageChars: 40 });
    w.start([]);
    await settle();
    const message = (cs(w).state as { waiting: { message: string } }).waiting.message;
    expect(message).toHaveLength(40);
    expect(message.endsWith('...')).toBe(true);
  });
});

describe('init containers', () => {
  it('run one after another to completion before the app containers', async () => {
    const w = worker({ initContainers: [app('init-1'), app('init-2')], containers: [app('main')] });
    w.start([]);
    await settle();
    expect(runtime.configs.map((c) => c.name)).toEqual(['init-1']);
    expect(st(w).initContainerStatuses?.[0]).toMatchObject({ name: 'init-1', ready: false, started: true, state: { running: {} } });
    expect(st(w).initContainerStatuses?.[1]).toMatchObject({ name: 'init-2', ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } });
    expect(st(w).phase).toBe('Pending');
    expect(cond(w, 'Initialized')).toBe('False');
    expect(cs(w).state).toEqual({ waiting: { reason: 'PodInitializing' } });
    runtime.exit('init-1', 0);
    await settle();
    expect(runtime.configs.map((c) => c.name)).toEqual(['init-1', 'init-2']);
    expect(runtime.configs[1]!.init).toBe(true);
    runtime.exit('init-2', 0);
    await settle();
    expect(runtime.configs.map((c) => c.name)).toEqual(['init-1', 'init-2', 'main']);
    expect(st(w).phase).toBe('Running');
    expect(cond(w, 'Initialized')).toBe('True');
    expect(st(w).initContainerStatuses?.[0]).toMatchObject({ name: 'init-1', ready: true, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
  });

  it('are restarted on failure (pod policy Always) with back-off', async () => {
    const w = worker({ initContainers: [app('init')], containers: [app('main')] });
    w.start([]);
    await settle();
    runtime.exit('init', 1);
    await settle();
    expect(st(w).initContainerStatuses?.[0]).toMatchObject({ state: { waiting: { reason: 'CrashLoopBackOff' } } });
    await clock.advance(1000);
    expect(runtime.configs.map((c) => [c.name, c.attempt])).toEqual([
      ['init', 0],
      ['init', 1],
    ]);
  });

  it('fail the pod when one fails under restartPolicy Never', async () => {
    const never = worker({ restartPolicy: 'Never', initContainers: [app('init')], containers: [app('main')] });
    never.start([]);
    await settle();
    runtime.exit('init', 2);
    await clock.advance(120_000);
    expect(runtime.configs.map((c) => c.name)).toEqual(['init']);
    expect(st(never).phase).toBe('Failed');
  });

  it('sidecars (restartPolicy Always) start in order and let the next init container run', async () => {
    const w = worker({ initContainers: [app('proxy', { restartPolicy: 'Always' }), app('setup')], containers: [app('main')] });
    w.start([]);
    await settle();
    expect(runtime.configs.map((c) => c.name)).toEqual(['proxy', 'setup']);
    runtime.exit('setup', 0);
    await settle();
    expect(runtime.configs.map((c) => c.name)).toEqual(['proxy', 'setup', 'main']);
    expect(st(w).phase).toBe('Running');
    runtime.exit('proxy', 0);
    await clock.advance(1000);
    expect(runtime.configs.map((c) => c.name)).toEqual(['proxy', 'setup', 'main', 'proxy']);
  });
});

describe('restarts', () => {
  it('back off 1s, 2s, 4s with CrashLoopBackOff, counting restarts and keeping the last exit', async () => {
    const w = worker({ containers: [app('main')] });
    w.start([]);
    await settle();
    const waits: number[] = [];
    for (let n = 0; n < 3; n++) {
      await clock.advance(500);
      runtime.exit('main', 3);
      await settle();
      const before = runtime.configs.length;
      const started = clock.t;
      expect(cs(w).state).toMatchObject({ waiting: { reason: 'CrashLoopBackOff', message: `back-off ${2 ** n}s restarting failed container=main pod=web` } });
      expect(cs(w).lastState).toMatchObject({ terminated: { exitCode: 3, reason: 'Error', containerID: `process://uid-1/main/${n}` } });
      expect(cs(w).ready).toBe(false);
      while (runtime.configs.length === before) await clock.advance(100);
      waits.push(clock.t - started);
    }
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(runtime.configs.map((c) => c.attempt)).toEqual([0, 1, 2, 3]);
    expect(cs(w)).toMatchObject({ restartCount: 3, state: { running: {} }, lastState: { terminated: { exitCode: 3 } } });
    expect(st(w).phase).toBe('Running');
    // The instance two back is forgotten by the runtime; the previous one stays for --previous logs.
    expect(runtime.removed).toEqual(['uid-1/main/0', 'uid-1/main/1']);
  });

  it('start over from the first wait after a container ran long enough', async () => {
    const w = worker({ containers: [app('main')] }, { backoffInitialMs: 1000, backoffResetAfterMs: 10_000 });
    w.start([]);
    await settle();
    runtime.exit('main', 1);
    await clock.advance(1000);
    runtime.exit('main', 1);
    await settle();
    expect(cs(w).state).toMatchObject({ waiting: { message: expect.stringContaining('back-off 2s') } });
    await clock.advance(2000);
    await clock.advance(10_000);
    runtime.exit('main', 1);
    await settle();
    expect(cs(w).state).toMatchObject({ waiting: { message: expect.stringContaining('back-off 1s') } });
  });

  it('follow OnFailure and Never: Succeeded after exit 0, Failed after a failure under Never', async () => {
    const onFailure = worker({ restartPolicy: 'OnFailure', containers: [app('main')] });
    onFailure.start([]);
    await settle();
    runtime.exit('main', 1);
    await clock.advance(1000);
    expect(runtime.configs).toHaveLength(2);
    expect(st(onFailure).phase).toBe('Running');
    runtime.exit('main', 0);
    await clock.advance(60_000);
    expect(runtime.configs).toHaveLength(2);
    expect(st(onFailure).phase).toBe('Succeeded');
    expect(cs(onFailure).state).toMatchObject({ terminated: { exitCode: 0, reason: 'Completed' } });
    expect(cond(onFailure, 'Ready')).toBe('False');
    expect(st(onFailure).conditions.find((c) => c.type === 'Ready')?.reason).toBe('PodCompleted');

    runtime.configs.length = 0;
    const never = worker({ restartPolicy: 'Never', containers: [app('a'), app('b')] });
    never.start([]);
    await settle();
    runtime.exit('a', 0);
    await settle();
    expect(st(never).phase).toBe('Running');
    runtime.exit('b', 137, 'SIGKILL');
    await clock.advance(60_000);
    expect(runtime.configs).toHaveLength(2);
    expect(st(never).phase).toBe('Failed');
    expect(cs(never, 1).state).toMatchObject({ terminated: { exitCode: 137, signal: 9 } });
  });

  it('restart an Always container that exited 0, and the pod stays Running', async () => {
    const w = worker({ containers: [app('main')] });
    w.start([]);
    await settle();
    runtime.exit('main', 0);
    await settle();
    expect(st(w).phase).toBe('Running');
    await clock.advance(1000);
    expect(runtime.configs).toHaveLength(2);
  });
});

describe('probes', () => {
  it('a failing liveness probe stops the container with the grace period and restarts it', async () => {
    runtime.execCodes.set('live', 1);
    const w = worker({ terminationGracePeriodSeconds: 7, containers: [app('main', { livenessProbe: { exec: { command: ['live'] }, periodSeconds: 1, failureThreshold: 2 } })] });
    w.start([]);
    await clock.advance(0);
    expect(runtime.execs).toEqual([['live']]);
    expect(runtime.stops).toHaveLength(0);
    await clock.advance(1000);
    expect(runtime.stops).toEqual([{ id: 'uid-1/main/0', graceMs: 7000 }]);
    expect(cs(w).lastState).toMatchObject({ terminated: { reason: 'Error', exitCode: 143, message: 'Liveness probe failed: command exited with 1: probe output' } });
    runtime.execCodes.set('live', 0);
    await clock.advance(1000);
    expect(runtime.configs.map((c) => c.attempt)).toEqual([0, 1]);
    expect(cs(w)).toMatchObject({ restartCount: 1, state: { running: {} } });
  });

  it('readiness gates Ready and ContainersReady', async () => {
    runtime.execCodes.set('ready', 1);
    const w = worker({ containers: [app('main', { readinessProbe: { exec: { command: ['ready'] }, periodSeconds: 1, failureThreshold: 1 } })] });
    w.start([]);
    await clock.advance(3000);
    expect(cs(w)).toMatchObject({ ready: false, started: true });
    expect(cond(w, 'Ready')).toBe('False');
    expect(st(w).phase).toBe('Running');
    runtime.execCodes.set('ready', 0);
    await clock.advance(1000);
    expect(cs(w).ready).toBe(true);
    expect(cond(w, 'ContainersReady')).toBe('True');
    runtime.execCodes.set('ready', 1);
    await clock.advance(1000);
    expect(cond(w, 'Ready')).toBe('False');
    expect(runtime.stops).toHaveLength(0);
  });

  it('a startup probe holds liveness and readiness back until it succeeds', async () => {
    runtime.execCodes.set('startup', 1);
    const w = worker({
      containers: [
        app('main', {
          startupProbe: { exec: { command: ['startup'] }, periodSeconds: 1, failureThreshold: 30 },
          livenessProbe: { exec: { command: ['live'] }, periodSeconds: 1 },
          readinessProbe: { exec: { command: ['ready'] }, periodSeconds: 1 },
        }),
      ],
    });
    w.start([]);
    await clock.advance(5000);
    expect(runtime.execs.every(([a]) => a === 'startup')).toBe(true);
    expect(cs(w)).toMatchObject({ started: false, ready: false });
    runtime.execCodes.set('startup', 0);
    await clock.advance(1000);
    expect(cs(w).started).toBe(true);
    await clock.advance(2000);
    expect(runtime.execs.filter(([a]) => a === 'live').length).toBeGreaterThan(0);
    expect(cs(w).ready).toBe(true);
    const startups = runtime.execs.filter(([a]) => a === 'startup').length;
    await clock.advance(5000);
    expect(runtime.execs.filter(([a]) => a === 'startup').length).toBe(startups);
  });

  it('a startup probe that fails for good restarts the container', async () => {
    runtime.execCodes.set('startup', 1);
    const w = worker({ containers: [app('main', { startupProbe: { exec: { command: ['startup'] }, periodSeconds: 1, failureThreshold: 2 } })] });
    w.start([]);
    await clock.advance(2000);
    expect(runtime.stops).toHaveLength(1);
    expect(cs(w).lastState).toMatchObject({ terminated: { message: expect.stringContaining('Startup probe failed') } });
  });
});

describe('config and ports', () => {
  it('waits with CreateContainerConfigError for a missing ConfigMap and starts once it appears; files follow changes', async () => {
    const w = worker(
      {
        volumes: [{ name: 'cfg', configMap: { name: 'app-config' } }],
        containers: [app('main', { volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }] })],
      },
      { volumeRetryMs: 5000 },
    );
    w.start([]);
    await settle();
    expect(st(w).phase).toBe('Pending');
    expect(cs(w).state).toEqual({ waiting: { reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' } });
    await clock.advance(5000);
    expect(runtime.configs).toHaveLength(0);
    sources.set('ConfigMap', 'app-config', { data: { 'a.conf': 'v1' } });
    await settle();
    await vi.waitFor(() => expect(runtime.configs).toHaveLength(1));
    const volDir = join(dir, 'uid-1', 'volumes', 'cfg');
    expect(runtime.configs[0]!.mounts).toEqual([{ name: 'cfg', hostPath: volDir, mountPath: '/etc/app', readOnly: false }]);
    expect(runtime.configs[0]!.env.BERTH_VOLUME_CFG).toBe(volDir);
    expect(await readFile(join(volDir, 'a.conf'), 'utf8')).toBe('v1');
    sources.set('ConfigMap', 'app-config', { data: { 'a.conf': 'v2' } });
    await vi.waitFor(async () => expect(await readFile(join(volDir, 'a.conf'), 'utf8')).toBe('v2'));
    expect(runtime.configs).toHaveLength(1);
  });

  it('retries an env reference that could not be resolved every volumeRetryMs', async () => {
    const w = worker({ containers: [app('main', { env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } }] })] }, { volumeRetryMs: 3000 });
    w.start([]);
    await settle();
    expect(cs(w).state).toEqual({ waiting: { reason: 'CreateContainerConfigError', message: 'env var "PW": secret "db" not found' } });
    // Put it in without telling the listeners: only the retry timer finds it.
    sources.objects.set('Secret/default/db', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { pw: Buffer.from('x').toString('base64') } });
    await clock.advance(2999);
    expect(runtime.configs).toHaveLength(0);
    await clock.advance(1);
    expect(runtime.configs).toHaveLength(1);
    expect(runtime.configs[0]!.env.PW).toBe('x');
  });

  it('gives a named port without a number a free port, kept across restarts, in env and status', async () => {
    const w = worker({ containers: [app('main', { ports: [{ name: 'http', containerPort: 0 }, { name: 'metrics', containerPort: 9100 }] })] });
    w.start([]);
    await vi.waitFor(() => expect(runtime.configs).toHaveLength(1));
    const port = runtime.configs[0]!.ports[0]!.containerPort;
    expect(port).toBeGreaterThan(0);
    expect(runtime.configs[0]!.ports).toEqual([
      { name: 'http', containerPort: port, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
    ]);
    expect(runtime.configs[0]!.env).toMatchObject({ PORT: String(port), BERTH_PORT_HTTP: String(port), BERTH_PORT_METRICS: '9100' });
    expect(cs(w).allocatedPorts).toEqual([
      { name: 'http', containerPort: port, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
    ]);
    runtime.exit('main', 1);
    await clock.advance(1000);
    expect(runtime.configs[1]!.ports[0]!.containerPort).toBe(port);
  });

  it('reports a hostPath that fails its check and keeps the pod Pending', async () => {
    const w = worker({ volumes: [{ name: 'h', hostPath: { path: join(dir, 'missing'), type: 'Directory' } }], containers: [app('main', { volumeMounts: [{ name: 'h', mountPath: '/data' }] })] });
    w.start([]);
    await settle();
    expect(cs(w).state).toMatchObject({ waiting: { reason: 'CreateContainerConfigError', message: expect.stringContaining('hostPath type check failed') } });
    expect(st(w).phase).toBe('Pending');
  });
});

describe('adoption, deadline and termination', () => {
  it('adopts a running instance instead of starting another, and counts restarts on from it', async () => {
    const adopted: ContainerInstance = { id: 'uid-1/main/2', podUid: 'uid-1', name: 'main', attempt: 2, init: false, state: { state: 'running', pid: 77, startedAt: new Date(T0 - 60_000) } };
    const older: ContainerInstance = { id: 'uid-1/main/1', podUid: 'uid-1', name: 'main', attempt: 1, init: false, state: { state: 'exited', exitCode: 1, reason: 'Error', finishedAt: new Date(T0 - 61_000) } };
    runtime.seed(adopted);
    const w = worker({ initContainers: [app('init')], containers: [app('main')] });
    w.start([older, adopted]);
    await settle();
    expect(runtime.configs).toHaveLength(0);
    expect(cs(w)).toMatchObject({ restartCount: 2, containerID: 'process://uid-1/main/2', state: { running: {} }, lastState: { terminated: { exitCode: 1 } } });
    expect(w.containerInstanceId()).toBe('uid-1/main/2');
    runtime.exit('main', 1);
    await clock.advance(1000);
    expect(runtime.configs.map((c) => [c.name, c.attempt])).toEqual([['main', 3]]);
    expect(runtime.running('main')).toBe(1);
  });

  it('stops the pod past activeDeadlineSeconds: Failed, DeadlineExceeded', async () => {
    const w = worker({ activeDeadlineSeconds: 30, terminationGracePeriodSeconds: 3, containers: [app('main')] });
    w.start([]);
    await settle();
    await clock.advance(29_000);
    expect(st(w).phase).toBe('Running');
    await clock.advance(1000);
    await vi.waitFor(() => expect(st(w).phase).toBe('Failed'));
    expect(st(w).reason).toBe('DeadlineExceeded');
    expect(runtime.stops).toEqual([{ id: 'uid-1/main/0', graceMs: 3000 }]);
  });

  it('terminate() stops every container with the grace given, once, and runs nothing after', async () => {
    const w = worker({ containers: [app('a'), app('b', { livenessProbe: { exec: { command: ['live'] }, periodSeconds: 1 } })] });
    w.start([]);
    await settle();
    const first = w.terminate(12);
    expect(w.terminate(1)).toBe(first);
    await first;
    expect(runtime.stops.map((s) => s.graceMs)).toEqual([12_000, 12_000]);
    expect(st(w).phase).toBe('Failed');
    expect(cs(w).state).toMatchObject({ terminated: { exitCode: 143, signal: 15 } });
    const execs = runtime.execs.length;
    await clock.advance(120_000);
    expect(runtime.configs).toHaveLength(2);
    expect(runtime.execs).toHaveLength(execs);
    expect(runtime.exitListeners).toBe(0);
  });

  it('a deletionTimestamp in an update terminates with deletionGracePeriodSeconds', async () => {
    const w = worker({ containers: [app('main')] });
    w.start([]);
    await settle();
    w.update(podOf({ containers: [app('main')] }, { deletionTimestamp: '2026-11-22T07:26:00Z', deletionGracePeriodSeconds: 4 }));
    await w.terminate(30);
    expect(runtime.stops).toEqual([{ id: 'uid-1/main/0', graceMs: 4000 }]);
  });

  it('close() stops timers and probes but not the containers', async () => {
    const w = worker({ containers: [app('main', { livenessProbe: { exec: { command: ['live'] }, periodSeconds: 1 } })] });
    w.start([]);
    await clock.advance(2000);
    const execs = runtime.execs.length;
    w.close();
    await clock.advance(10_000);
    expect(runtime.execs).toHaveLength(execs);
    expect(runtime.stops).toHaveLength(0);
    expect(runtime.running('main')).toBe(1);
  });

  it('sums usage over running containers', async () => {
    const w = worker({ containers: [app('a'), app('b')] });
    w.start([]);
    await settle();
    await expect(w.usage()).resolves.toEqual({
      cpuMillicores: 10,
      memoryBytes: 2000,
      containers: [
        { name: 'a', cpuMillicores: 5, memoryBytes: 1000 },
        { name: 'b', cpuMillicores: 5, memoryBytes: 1000 },
      ],
    });
    expect(w.containerInstanceId('b')).toBe('uid-1/b/0');
    expect(w.containerInstanceId('nope')).toBeUndefined();
  });
});
