// One pod on this node, driven the way the kubelet's pod workers drive theirs: a level-triggered
// sync pass runs whenever something happens (a container exited, a timer fired, a probe result
// changed, a ConfigMap changed, the pod was updated) and moves the pod one step closer to what
// its spec asks: volumes and ports first, then init containers in order, each to completion, then
// the app containers, restarted per restartPolicy with a growing back-off. Passes never overlap
// (a kick during a pass asks for one more). The status is recomputed after each pass and reported
// only when it changed. Nothing thrown in a timer or a pass escapes: it is logged and shows in
// the status.
import { mkdir } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Logger } from 'pino';
import type { KubeObject } from '../../client/index.js';
import type { ContainerConfig, ContainerInstance, ContainerMount, ContainerPortBinding, InstanceState, Runtime } from '../runtime/index.js';
import { RestartBackoff, formatDuration, realTimers } from './backoff.js';
import type { PodTimers } from './backoff.js';
import { berthEnv, containerArgv, containerLimits, resolveEnv } from './env.js';
import type { ContainerSpec } from './env.js';
import type { CompiledPodWorkerOptions } from './options.js';
import { allocatePorts } from './ports.js';
import { ProbeRunner, probeAction, probeTiming } from './probes.js';
import type { ProbeKind, ProbeSpec } from './probes.js';
import type { PodSources, SourceKind } from './sources.js';
import { podStatus, rfc3339 } from './status.js';
import type { ContainerFacts, PodStatus } from './status.js';
import { prepareVolume, volumeSource } from './volumes.js';
import type { PreparedVolume, VolumeSpec } from './volumes.js';

export interface PodWorkerDeps {
  readonly runtime: Runtime;
  readonly sources: PodSources;
  /** `<agent data>/pods`; the pod's directory is `<podsDir>/<uid>`. */
  readonly podsDir: string;
  readonly nodeName: string;
  /** The pod's hostIP and podIP (pods share the host's network). */
  readonly nodeAddress: string;
  readonly options: CompiledPodWorkerOptions;
  readonly logger: Logger;
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
  /** Where the worker's timers run. @default the global setTimeout/clearTimeout */
  readonly timers?: PodTimers;
  /** The pod's status, each time it changed: {apiVersion, kind, metadata: {namespace, name, uid}, status}. */
  readonly onStatus: (pod: KubeObject) => void;
}

type Policy = 'Always' | 'OnFailure' | 'Never';
type Waiting = { reason: string; message?: string };

const CONFIG_ERROR = 'CreateContainerConfigError';
const CREATE_ERROR = 'CreateContainerError';
const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/** One container of the spec and what became of it. */
interface Container {
  readonly spec: ContainerSpec;
  readonly name: string;
  readonly init: boolean;
  /** An init container with restartPolicy Always: started in order, then kept running. */
  readonly sidecar: boolean;
  readonly policy: Policy;
  readonly backoff: RestartBackoff;
  instance?: ContainerInstance;
  previous?: ContainerInstance;
  nextAttempt: number;
  waiting?: Waiting;
  /** A CreateContainerError: not retried unless the pod changes. */
  blocked: boolean;
  /** After a config error: when to try again (a change of a ConfigMap or Secret tries at once). */
  retryAt?: number;
  /** After an exit that calls for a restart: when the back-off ends. */
  restartAt?: number;
  restartDelayMs: number;
  starting: boolean;
  /** The startup probe succeeded (or there is none) for the running instance. */
  started: boolean;
  /** A sidecar was started once: later init containers no longer wait for it. */
  everStarted: boolean;
  probeReady: boolean;
  probes: ProbeRunner[];
}

function instanceExit(i: ContainerInstance | undefined): Extract<InstanceState, { state: 'exited' }> | undefined {
  return i?.state.state === 'exited' ? i.state : undefined;
}

function podPolicy(spec: Record<string, unknown>): Policy {
  const p = spec.restartPolicy;
  return p === 'OnFailure' || p === 'Never' ? p : 'Always';
}

export class PodWorker {
  readonly uid: string;
  private pod: KubeObject;
  /** The spec the pod was created with: berth ignores later spec changes except activeDeadlineSeconds. */
  private readonly spec: Record<string, unknown>;
  private readonly inits: Container[];
  private readonly apps: Container[];
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly timers: PodTimers;
  private readonly podDir: string;
  private readonly pendingTimers = new Set<unknown>();
  private readonly wakeTimes = new Set<number>();
  private readonly unsubscribe: (() => void)[] = [];
  /** Exits the runtime reported before start() resolved with the instance. */
  private readonly earlyExits = new Map<string, ContainerInstance>();
  /** Why the worker stopped an instance (a failed probe), by instance id, for its terminated state. */
  private readonly exitMessages = new Map<string, string>();
  private ports: Map<string, ContainerPortBinding[]> | undefined;
  private readonly volumes = new Map<string, PreparedVolume>();
  private prepared = false;
  private prepareRetryAt = 0;
  private readonly dirtyVolumes = new Set<string>();
  private initDone = false;
  private startTime: string | undefined;
  private begun = false;
  private closed = false;
  private stopping = false;
  private terminal: { reason?: string; message?: string } | undefined;
  private terminating: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  private again = false;
  private lastStatus: PodStatus | undefined;
  private previousStatus: Record<string, unknown> | undefined;

  constructor(
    pod: KubeObject,
    private readonly deps: PodWorkerDeps,
  ) {
    this.pod = pod;
    this.uid = pod.metadata.uid ?? '';
    this.spec = pod.spec ?? {};
    this.now = deps.now ?? Date.now;
    this.timers = deps.timers ?? realTimers;
    this.podDir = join(deps.podsDir, this.uid);
    this.log = deps.logger.child({ component: 'pod', pod: `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`, uid: this.uid });
    const policy = podPolicy(this.spec);
    const make = (c: ContainerSpec, init: boolean): Container => {
      const sidecar = init && c.restartPolicy === 'Always';
      const o = deps.options;
      return {
        spec: c,
        name: c.name ?? '',
        init,
        sidecar,
        policy: sidecar ? 'Always' : init ? (policy === 'Never' ? 'Never' : 'OnFailure') : policy,
        backoff: new RestartBackoff(o.backoffInitialMs, o.backoffMaxMs, o.backoffResetAfterMs),
        nextAttempt: 0,
        blocked: false,
        restartDelayMs: 0,
        starting: false,
        started: false,
        everStarted: false,
        probeReady: false,
        probes: [],
      };
    };
    this.inits = ((this.spec.initContainers as ContainerSpec[] | undefined) ?? []).map((c) => make(c, true));
    this.apps = ((this.spec.containers as ContainerSpec[] | undefined) ?? []).map((c) => make(c, false));
    const st = pod.status;
    if (typeof st?.startTime === 'string') this.startTime = st.startTime;
    if (st !== undefined) this.previousStatus = st;
  }

  private get all(): Container[] {
    return [...this.inits, ...this.apps];
  }

  // ---- The public calls ----

  /** Begins; `adopted` are this pod's instances a previous agent process left (running or not). */
  start(adopted: readonly ContainerInstance[]): void {
    if (this.begun || this.closed || this.stopping) return;
    this.begun = true;
    this.unsubscribe.push(this.deps.runtime.onExit((i) => this.instanceExited(i)));
    this.unsubscribe.push(this.deps.sources.onChange((kind, ns, name) => this.sourceChanged(kind, ns, name)));
    this.startTime ??= rfc3339(this.now());
    this.adopt(adopted);
    this.kick();
  }

  /** A newer version of the pod: labels, annotations, activeDeadlineSeconds and deletion count. */
  update(pod: KubeObject): void {
    if (pod.metadata.uid !== undefined && pod.metadata.uid !== this.uid) return;
    this.pod = pod;
    if (pod.metadata.deletionTimestamp !== undefined) {
      void this.terminate(pod.metadata.deletionGracePeriodSeconds ?? this.graceSeconds());
      return;
    }
    this.kick();
  }

  /** Stops every container (SIGTERM, SIGKILL after the grace) and everything else; idempotent. */
  terminate(graceSeconds: number): Promise<void> {
    this.terminating ??= this.stopAll(graceSeconds, {});
    return this.terminating;
  }

  status(): PodStatus {
    return this.lastStatus ?? this.computeStatus();
  }

  /** The latest instance of a container (the first app container by default), for logs and exec. */
  containerInstanceId(container?: string): string | undefined {
    const name = container === undefined || container === '' ? this.apps[0]?.name : container;
    const c = this.apps.find((x) => x.name === name) ?? this.inits.find((x) => x.name === name);
    return c?.instance?.id;
  }

  async usage(): Promise<{ cpuMillicores: number; memoryBytes: number; containers: { name: string; cpuMillicores: number; memoryBytes: number }[] }> {
    const running = this.all.filter((c) => c.instance?.state.state === 'running');
    const containers = await Promise.all(
      running.map(async (c) => {
        const u = await this.deps.runtime.usage(c.instance?.id ?? '').catch(() => undefined);
        return { name: c.name, cpuMillicores: u?.cpuMillicores ?? 0, memoryBytes: u?.memoryBytes ?? 0 };
      }),
    );
    return {
      cpuMillicores: containers.reduce((s, c) => s + c.cpuMillicores, 0),
      memoryBytes: containers.reduce((s, c) => s + c.memoryBytes, 0),
      containers,
    };
  }

  /** Stops timers and probes, leaving the processes running (the agent is shutting down). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.quiesce();
  }

  // ---- The sync loop ----

  private kick(): void {
    if (this.closed || !this.begun) return;
    if (this.loop !== undefined) {
      this.again = true;
      return;
    }
    this.loop = this.passes().finally(() => (this.loop = undefined));
  }

  private async passes(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.syncOnce();
      } catch (err) {
        this.log.error({ err }, 'pod sync failed');
      }
      this.publish();
    } while (this.again && !this.closed);
  }

  private async syncOnce(): Promise<void> {
    if (this.stopping || this.closed) return;
    if (this.deadlinePassed()) {
      this.log.info({ activeDeadlineSeconds: this.spec.activeDeadlineSeconds }, 'active deadline exceeded; stopping the pod');
      this.terminating ??= this.stopAll(this.graceSeconds(), { reason: 'DeadlineExceeded', message: DEADLINE_MESSAGE });
      return;
    }
    if (!(await this.prepare())) return;
    if (!(await this.runInits())) return;
    this.initDone = true;
    for (const c of this.apps) await this.advance(c);
  }

  /** Makes the pod directory, ports and volumes; false while something is missing. */
  private async prepare(): Promise<boolean> {
    if (this.prepared && this.dirtyVolumes.size === 0) return true;
    if (!this.prepared && this.now() < this.prepareRetryAt) {
      this.wakeAt(this.prepareRetryAt);
      return false;
    }
    const problems: string[] = [];
    try {
      await mkdir(this.podDir, { recursive: true });
      this.ports ??= await allocatePorts(
        this.all.map((c) => c.spec),
        this.deps.nodeAddress,
      );
    } catch (err) {
      problems.push(`preparing the pod: ${err instanceof Error ? err.message : String(err)}`);
    }
    const specs = (this.spec.volumes as VolumeSpec[] | undefined) ?? [];
    const todo = problems.length > 0 ? [] : this.prepared ? specs.filter((v) => this.dirtyVolumes.has(v.name ?? '')) : specs;
    this.dirtyVolumes.clear();
    for (const v of todo) {
      const r = await prepareVolume(v, { podDir: this.podDir, lookup: (kind, name) => this.lookup(kind, name), maxFiles: this.deps.options.maxVolumeFiles });
      if (r.ok) {
        if (r.volume.note !== undefined && !this.volumes.has(r.volume.name)) this.log.info({ volume: r.volume.name }, r.volume.note);
        this.volumes.set(r.volume.name, r.volume);
      } else problems.push(r.message);
    }
    if (this.prepared) {
      // A rewrite that fails keeps the files as they were, as the kubelet does.
      for (const p of problems) this.log.warn({ problem: p }, 'could not rewrite a volume; its files stay as they were');
      return true;
    }
    if (problems.length > 0) {
      const message = this.clip(problems.join('; '));
      for (const c of this.all) if (c.instance === undefined) c.waiting = { reason: CONFIG_ERROR, message };
      this.prepareRetryAt = this.now() + this.deps.options.volumeRetryMs;
      this.wakeAt(this.prepareRetryAt);
      return false;
    }
    this.prepared = true;
    for (const c of this.all) if (c.instance === undefined && c.waiting?.reason === CONFIG_ERROR) c.waiting = undefined;
    return true;
  }

  /** Init containers in order; true once all are done (sidecars: started). */
  private async runInits(): Promise<boolean> {
    if (this.initDone) {
      for (const c of this.inits) if (c.sidecar) await this.advance(c);
      return true;
    }
    for (const [i, c] of this.inits.entries()) {
      if (c.sidecar && c.everStarted) {
        await this.advance(c);
        continue;
      }
      if (!c.sidecar && instanceExit(c.instance)?.exitCode === 0) continue;
      await this.advance(c);
      if (c.sidecar ? c.everStarted : instanceExit(c.instance)?.exitCode === 0) continue;
      for (const later of [...this.inits.slice(i + 1), ...this.apps]) {
        if (later.instance === undefined && !later.blocked) later.waiting = { reason: 'PodInitializing' };
      }
      return false;
    }
    return true;
  }

  /** One step for one container: nothing while it runs; start, restart or wait for the back-off. */
  private async advance(c: Container): Promise<void> {
    if (c.starting || this.stopping || this.closed) return;
    const inst = c.instance;
    if (inst?.state.state === 'running') {
      c.waiting = undefined;
      return;
    }
    if (c.blocked) return;
    const now = this.now();
    if (c.retryAt !== undefined && now < c.retryAt) {
      this.wakeAt(c.retryAt);
      return;
    }
    const exit = instanceExit(inst);
    if (inst !== undefined && exit !== undefined) {
      const restart = c.policy === 'Always' || (c.policy === 'OnFailure' && exit.exitCode !== 0);
      if (!restart || (c.init && !c.sidecar && exit.exitCode === 0)) {
        c.waiting = undefined;
        return;
      }
      if (c.restartAt === undefined) {
        const ranMs = exit.startedAt === undefined ? 0 : exit.finishedAt.getTime() - exit.startedAt.getTime();
        c.restartDelayMs = c.backoff.next(ranMs);
        c.restartAt = now + c.restartDelayMs;
      }
      if (now < c.restartAt) {
        const podName = this.pod.metadata.name ?? '';
        c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${formatDuration(c.restartDelayMs)} restarting failed container=${c.name} pod=${podName}` };
        this.wakeAt(c.restartAt);
        return;
      }
    }
    await this.startContainer(c);
  }

  private async startContainer(c: Container): Promise<void> {
    c.starting = true;
    try {
      const built = await this.containerConfig(c);
      if (this.stopping || this.closed) return;
      if (!built.ok) {
        const message = this.clip(built.message);
        if (c.waiting?.message !== message) this.log.warn({ container: c.name, reason: built.reason, message }, 'cannot start the container');
        c.waiting = { reason: built.reason, message };
        if (built.reason === CREATE_ERROR) c.blocked = true;
        else this.retryLater(c);
        return;
      }
      c.retryAt = undefined;
      const inst = await this.deps.runtime.start(built.config);
      this.started(c, inst);
    } catch (err) {
      this.log.error({ err, container: c.name }, 'starting a container failed');
      c.waiting = { reason: CREATE_ERROR, message: this.clip(err instanceof Error ? err.message : String(err)) };
      this.retryLater(c);
    } finally {
      c.starting = false;
    }
  }

  private retryLater(c: Container): void {
    c.retryAt = this.now() + this.deps.options.volumeRetryMs;
    this.wakeAt(c.retryAt);
  }

  /** Records a new instance; the one two back is forgotten by the runtime (its log stays). */
  private started(c: Container, inst: ContainerInstance): void {
    const latest = this.earlyExits.get(inst.id) ?? this.deps.runtime.status(inst.id) ?? inst;
    this.earlyExits.clear();
    if (c.instance !== undefined) {
      const old = c.previous;
      c.previous = c.instance;
      if (old !== undefined) this.forget(old.id);
    }
    c.instance = latest;
    c.nextAttempt = inst.attempt + 1;
    c.restartAt = undefined;
    c.waiting = undefined;
    this.log.info({ container: c.name, instance: inst.id, attempt: inst.attempt }, 'container started');
    if (latest.state.state === 'running') this.startProbes(c, latest);
    else this.again = true;
  }

  private forget(id: string): void {
    this.exitMessages.delete(id);
    this.deps.runtime.remove(id).catch((err: unknown) => this.log.warn({ err, instance: id }, 'removing an old instance failed'));
  }

  // ---- Container configuration ----

  private async containerConfig(c: Container): Promise<{ ok: true; config: ContainerConfig } | { ok: false; reason: string; message: string }> {
    const spec = c.spec;
    if ((spec.command ?? []).length === 0) {
      const message = `container "${c.name}" has no command: the process runtime runs a container's command (and args); image "${spec.image ?? ''}" alone cannot be run`;
      return { ok: false, reason: CREATE_ERROR, message };
    }
    const mounts: ContainerMount[] = [];
    const volumeEnv = new Map<string, string>();
    for (const m of spec.volumeMounts ?? []) {
      const v = this.volumes.get(m.name ?? '');
      if (v === undefined) return { ok: false, reason: CONFIG_ERROR, message: `volume "${m.name ?? ''}" is not a volume of the pod` };
      const sub = m.subPath ?? '';
      if (isAbsolute(sub) || sub.split(/[\\/]/).includes('..')) return { ok: false, reason: CONFIG_ERROR, message: `volumeMount "${m.name ?? ''}": subPath must be relative without ".." (got ${JSON.stringify(sub)})` };
      mounts.push({ name: v.name, hostPath: sub === '' ? v.hostPath : join(v.hostPath, sub), mountPath: m.mountPath ?? '', readOnly: m.readOnly === true });
      volumeEnv.set(v.name, v.hostPath);
    }
    const ports = this.ports?.get(c.name) ?? [];
    const base = berthEnv({ pod: this.pod, nodeName: this.deps.nodeName, nodeAddress: this.deps.nodeAddress, ports, volumes: volumeEnv });
    let env;
    try {
      env = await resolveEnv({
        pod: this.pod,
        container: spec,
        containers: this.all.map((x) => x.spec),
        nodeName: this.deps.nodeName,
        nodeAddress: this.deps.nodeAddress,
        nodeAllocatable: { cpuCores: availableParallelism(), memoryBytes: totalmem() },
        base,
        lookup: (kind, name) => this.lookup(kind, name),
      });
    } catch (err) {
      return { ok: false, reason: CONFIG_ERROR, message: `reading the container's environment: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (!env.ok) return { ok: false, reason: CONFIG_ERROR, message: env.message };
    const ownDir = join(this.podDir, 'containers', c.name);
    await mkdir(ownDir, { recursive: true });
    const wd = spec.workingDir ?? '';
    const config: ContainerConfig = {
      podUid: this.uid,
      namespace: this.pod.metadata.namespace ?? '',
      podName: this.pod.metadata.name ?? '',
      name: c.name,
      attempt: c.nextAttempt,
      init: c.init,
      image: spec.image ?? '',
      argv: containerArgv(spec, env.env),
      env: env.env,
      workingDir: wd === '' ? ownDir : isAbsolute(wd) ? wd : join(ownDir, wd),
      mounts,
      ports,
      ...containerLimits(spec),
    };
    return { ok: true, config };
  }

  private lookup(kind: SourceKind, name: string): Promise<KubeObject | undefined> {
    return this.deps.sources.get(kind, this.pod.metadata.namespace ?? '', name);
  }

  // ---- Probes ----

  private startProbes(c: Container, inst: ContainerInstance): void {
    this.stopProbes(c);
    c.started = false;
    c.probeReady = false;
    if (c.init && !c.sidecar) {
      // Init containers have no probes (the API refuses them); one that runs has started.
      c.started = true;
      return;
    }
    const startup = c.spec.startupProbe as ProbeSpec | undefined;
    if (startup === undefined) {
      this.markStarted(c);
      this.startLiveness(c, inst);
      return;
    }
    const runner = this.probe(c, inst, 'startup', startup, (ok, message) => {
      if (!ok) return this.probeKill(c, inst, 'Startup', message, startup);
      runner.stop();
      this.markStarted(c);
      this.startLiveness(c, inst);
    });
  }

  private markStarted(c: Container): void {
    c.started = true;
    c.everStarted = true;
  }

  private startLiveness(c: Container, inst: ContainerInstance): void {
    const liveness = c.spec.livenessProbe as ProbeSpec | undefined;
    const readiness = c.spec.readinessProbe as ProbeSpec | undefined;
    if (liveness !== undefined) this.probe(c, inst, 'liveness', liveness, (ok, message) => (ok ? undefined : this.probeKill(c, inst, 'Liveness', message, liveness)));
    if (readiness !== undefined) {
      this.probe(c, inst, 'readiness', readiness, (ok) => {
        c.probeReady = ok;
      });
    }
  }

  private probe(c: Container, inst: ContainerInstance, kind: ProbeKind, spec: ProbeSpec, onResult: (ok: boolean, message: string) => void): ProbeRunner {
    const action = probeAction(spec, {
      instanceId: inst.id,
      nodeAddress: this.deps.nodeAddress,
      ports: this.ports?.get(c.name) ?? [],
      runtime: this.deps.runtime,
      maxOutputBytes: this.deps.options.maxProbeOutputBytes,
    });
    const runner = new ProbeRunner(
      kind,
      probeTiming(spec),
      action,
      this.timers,
      (ok, message) => {
        if (c.instance?.id !== inst.id || this.stopping || this.closed) return;
        this.log.info({ container: c.name, probe: kind, ok, message }, `${kind} probe ${ok ? 'succeeded' : 'failed'}`);
        onResult(ok, message);
        this.kick();
      },
      (err) => this.log.error({ err, container: c.name, probe: kind }, 'probe failed to run'),
    );
    c.probes.push(runner);
    runner.start();
    return runner;
  }

  private stopProbes(c: Container): void {
    for (const p of c.probes) p.stop();
    c.probes = [];
  }

  /** A failed liveness or startup probe: stop the instance; the exit restarts it per policy. */
  private probeKill(c: Container, inst: ContainerInstance, what: string, message: string, spec: ProbeSpec): void {
    this.stopProbes(c);
    this.exitMessages.set(inst.id, this.clip(`${what} probe failed: ${message}`));
    const grace = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : this.graceSeconds();
    this.log.info({ container: c.name, instance: inst.id, graceSeconds: grace }, `${what.toLowerCase()} probe failed; stopping the container`);
    this.deps.runtime.stop(inst.id, grace * 1000).then(
      (i) => this.instanceExited(i),
      (err: unknown) => this.log.error({ err, instance: inst.id }, 'stopping a container after a failed probe failed'),
    );
  }

  // ---- Events ----

  private instanceExited(i: ContainerInstance): void {
    if (i.podUid !== this.uid || i.state.state !== 'exited') return;
    const c = this.all.find((x) => x.instance?.id === i.id);
    if (c === undefined) {
      if (this.all.some((x) => x.starting && x.name === i.name)) this.earlyExits.set(i.id, i);
      return;
    }
    if (c.instance?.state.state === 'exited') return;
    c.instance = i;
    this.stopProbes(c);
    c.probeReady = false;
    c.started = false;
    this.log.info({ container: c.name, instance: i.id, exitCode: i.state.exitCode, reason: i.state.reason }, 'container exited');
    this.kick();
  }

  private sourceChanged(kind: SourceKind, namespace: string, name: string): void {
    if (this.closed || this.stopping || namespace !== (this.pod.metadata.namespace ?? '')) return;
    for (const v of (this.spec.volumes as VolumeSpec[] | undefined) ?? []) {
      const s = volumeSource(v);
      if (s !== undefined && s.kind === kind && s.name === name && this.prepared) this.dirtyVolumes.add(v.name ?? '');
    }
    // Whatever waits for a ConfigMap or Secret tries again now rather than at its next retry.
    this.prepareRetryAt = 0;
    for (const c of this.all) if (c.waiting?.reason === CONFIG_ERROR) c.retryAt = undefined;
    this.kick();
  }

  // ---- Adoption, deadline, termination ----

  private adopt(adopted: readonly ContainerInstance[]): void {
    for (const c of this.all) {
      const mine = adopted.filter((i) => i.podUid === this.uid && i.name === c.name && i.init === c.init).sort((a, b) => a.attempt - b.attempt);
      const latest = mine.at(-1);
      if (latest === undefined) continue;
      for (const old of mine.slice(0, -2)) this.forget(old.id);
      const prev = mine.at(-2);
      if (prev !== undefined) c.previous = prev;
      c.instance = this.deps.runtime.status(latest.id) ?? latest;
      c.nextAttempt = latest.attempt + 1;
      this.log.info({ container: c.name, instance: latest.id, state: c.instance.state.state }, 'adopted a container instance');
      if (c.instance.state.state === 'running') this.startProbes(c, c.instance);
      if (!c.init) this.initDone = true;
    }
  }

  private graceSeconds(): number {
    const g = this.spec.terminationGracePeriodSeconds;
    return typeof g === 'number' && g >= 0 ? g : this.deps.options.defaultGracePeriodSeconds;
  }

  private deadlinePassed(): boolean {
    const seconds = this.pod.spec?.activeDeadlineSeconds;
    if (typeof seconds !== 'number' || seconds <= 0 || this.startTime === undefined) return false;
    const at = Date.parse(this.startTime) + seconds * 1000;
    if (this.now() >= at) return true;
    this.wakeAt(at);
    return false;
  }

  private async stopAll(graceSeconds: number, terminal: { reason?: string; message?: string }): Promise<void> {
    this.stopping = true;
    this.terminal ??= terminal;
    for (const c of this.all) this.stopProbes(c);
    this.clearTimers();
    await this.loop?.catch(() => undefined);
    const graceMs = Math.max(0, graceSeconds) * 1000;
    this.log.info({ graceSeconds }, 'stopping the pod');
    await Promise.all(
      this.all.map(async (c) => {
        if (c.instance?.state.state !== 'running') return;
        try {
          const i = await this.deps.runtime.stop(c.instance.id, graceMs);
          if (i.state.state === 'exited') c.instance = i;
        } catch (err) {
          this.log.error({ err, container: c.name }, 'stopping a container failed');
        }
      }),
    );
    for (const c of this.all) if (c.instance !== undefined) c.waiting = undefined;
    this.publish();
    this.quiesce();
  }

  private quiesce(): void {
    for (const c of this.all) this.stopProbes(c);
    this.clearTimers();
    for (const off of this.unsubscribe.splice(0)) off();
  }

  // ---- Timers ----

  /** Runs a sync pass at `at` (ms); one timer per distinct time. */
  private wakeAt(at: number): void {
    if (this.wakeTimes.has(at) || this.closed || this.stopping) return;
    this.wakeTimes.add(at);
    const handle = this.timers.setTimeout(
      () => {
        this.pendingTimers.delete(handle);
        this.wakeTimes.delete(at);
        this.kick();
      },
      Math.max(0, at - this.now()),
    );
    this.pendingTimers.add(handle);
  }

  private clearTimers(): void {
    for (const h of this.pendingTimers) this.timers.clearTimeout(h);
    this.pendingTimers.clear();
    this.wakeTimes.clear();
  }

  // ---- Status ----

  private facts(c: Container): ContainerFacts {
    const hasReadiness = c.spec.readinessProbe !== undefined;
    return {
      name: c.name,
      image: c.spec.image ?? '',
      ...(c.instance !== undefined ? { instance: c.instance } : {}),
      ...(c.previous !== undefined ? { previous: c.previous } : {}),
      ...(c.waiting !== undefined ? { waiting: c.waiting } : {}),
      // A regular init container is ready once it has completed (status.ts), never while it runs.
      ready: c.init && !c.sidecar ? false : c.started && (hasReadiness ? c.probeReady : true),
      started: c.started,
      restartCount: c.instance?.attempt ?? 0,
      ports: this.ports?.get(c.name) ?? [],
      init: c.init,
      sidecar: c.sidecar,
    };
  }

  private computeStatus(): PodStatus {
    return podStatus({
      spec: this.spec,
      hostIP: this.deps.nodeAddress,
      ...(this.startTime !== undefined ? { startTime: this.startTime } : {}),
      init: this.inits.map((c) => this.facts(c)),
      containers: this.apps.map((c) => this.facts(c)),
      ...(this.terminal !== undefined ? { terminal: this.terminal } : {}),
      exitMessages: this.exitMessages,
      nowMs: this.now(),
      ...(this.previousStatus !== undefined ? { previous: this.previousStatus } : {}),
    });
  }

  private publish(): void {
    const status = this.computeStatus();
    if (this.lastStatus !== undefined && isDeepStrictEqual(status, this.lastStatus)) return;
    this.lastStatus = status;
    this.previousStatus = status;
    const md = this.pod.metadata;
    try {
      this.deps.onStatus({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace: md.namespace ?? '', name: md.name ?? '', uid: this.uid }, status });
    } catch (err) {
      this.log.error({ err }, 'reporting pod status failed');
    }
  }

  private clip(message: string): string {
    const max = this.deps.options.maxStatusMessageChars;
    return message.length <= max ? message : `${message.slice(0, max - 3)}...`;
  }
}
