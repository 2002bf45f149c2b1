// The agent: keeps the pods bound to this node running as the control plane says, through the
// Runtime, and reports the truth about them. Pods are known by uid. On every (re)connect the
// leader sends the full set; the agent converges on it — starts what is missing, stops what is
// not in it — so a restart of the agent or of the leader neither duplicates nor forgets a pod.
// After an agent restart, the runtime's recover() finds the containers the last run started:
// those of pods still wanted are adopted by their pod workers, the rest are killed once the
// first full set has arrived.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { KubeObject } from '../../client/index.js';
import { objectFromWire, objectToWire } from '../../client/index.js';
import type { ApiObject } from '../../proto/gen/berth/objects/v1/ApiObject.js';
import type { AgentMessage } from '../../proto/gen/berth/v1/AgentMessage.js';
import type { ServerMessage__Output } from '../../proto/gen/berth/v1/ServerMessage.js';
import type { CompiledPodWorkerOptions, PodSources } from '../pods/index.js';
import { PodWorker } from '../pods/index.js';
import type { ContainerInstance, Runtime, Usage } from '../runtime/index.js';
import { AgentConnection } from './connection.js';
import { HeartbeatLoop } from './heartbeat.js';
import { hostFacts, nodeObject } from './node-info.js';
import type { HostFacts } from './node-info.js';
import type { CompiledAgentOptions } from './options.js';
import { AgentRequests } from './requests.js';

/** Grace given to a pod that vanished from the store without being marked (force-deleted). */
const FORCE_DELETE_GRACE_SECONDS = 2;
/** Orphan pods removed concurrently after an agent restart. */
const ORPHAN_REMOVALS_AT_ONCE = 16;
/** Longest grace a pod gets when the agent stops with --stop-pods-on-exit. */
const STOP_ALL_GRACE_SECONDS = 10;

export interface AgentDeps {
  readonly runtime: Runtime;
  readonly sources: PodSources;
  readonly podOptions: CompiledPodWorkerOptions;
  readonly logger: Logger;
  /** The host's usage now; undefined: not measured. */
  readonly hostUsage?: () => Usage | undefined;
  readonly host?: HostFacts;
}

interface PodEntry {
  pod: KubeObject;
  revision: number;
  readonly worker: PodWorker;
  lastStatus?: KubeObject;
  terminating?: Promise<void>;
  terminated: boolean;
  removing: boolean;
}

function revisionOf(pod: KubeObject): number {
  return Number(pod.metadata.resourceVersion ?? 0);
}

function podKey(pod: KubeObject): string {
  return `${String(pod.metadata.namespace)}/${String(pod.metadata.name)}`;
}

export class Agent {
  private readonly pods = new Map<string, PodEntry>();
  private recovered = new Map<string, ContainerInstance[]>();
  private firstSetApplied = false;
  private incoming: KubeObject[] | undefined;
  private readonly conn: AgentConnection;
  private readonly heartbeat: HeartbeatLoop;
  private readonly requests: AgentRequests;
  private readonly log: Logger;

  constructor(
    private readonly opts: CompiledAgentOptions,
    private readonly deps: AgentDeps,
  ) {
    this.log = deps.logger.child({ component: 'agent', node: opts.name });
    const node = nodeObject(opts, deps.runtime, deps.host ?? hostFacts());
    const registration = (): AgentMessage => ({
      register: { node: objectToWire(node).wire as ApiObject, bootId: BOOT_ID, heartbeatIntervalMs: opts.heartbeatIntervalMs },
    });
    this.conn = new AgentConnection(opts, registration, {
      opened: (leader, interval) => this.opened(leader, interval),
      message: (msg) => this.message(msg),
      closed: (reason) => this.closed(reason),
    }, this.log);
    this.heartbeat = new HeartbeatLoop(this.conn, deps, () => [...this.pods.values()].map((e) => ({ pod: e.pod, worker: e.worker })));
    this.requests = new AgentRequests(this.conn, deps.runtime, (uid) => this.pods.get(uid)?.worker);
  }

  get connected(): boolean {
    return this.conn.connected;
  }

  /** How many pods the agent is running (or stopping). */
  get podCount(): number {
    return this.pods.size;
  }

  async start(): Promise<void> {
    for (const inst of await this.deps.runtime.recover()) {
      const list = this.recovered.get(inst.podUid) ?? [];
      list.push(inst);
      this.recovered.set(inst.podUid, list);
    }
    if (this.recovered.size > 0) this.log.info({ pods: this.recovered.size }, 'found containers of a previous run; adopting those still wanted');
    this.conn.start();
  }

  /**
   * Stops talking to the control plane. Pods keep running (as a kubelet restart leaves them) and
   * the next agent adopts them — unless `stopPods`: then each is stopped within its grace period
   * (at most STOP_ALL_GRACE_SECONDS) and its files removed.
   */
  async stop(stopPods = false): Promise<void> {
    this.heartbeat.stop();
    this.requests.cancelAll();
    this.conn.stop();
    if (stopPods) {
      await Promise.all(
        [...this.pods].map(async ([uid, e]) => {
          const grace = Math.min(STOP_ALL_GRACE_SECONDS, Number(((e.pod.spec ?? {}) as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ?? 30));
          await e.worker.terminate(grace).catch(() => undefined);
          await this.deps.runtime.removePod(uid).catch(() => undefined);
        }),
      );
    }
    for (const e of this.pods.values()) e.worker.close();
    this.deps.sources.close();
    await this.deps.runtime.close();
  }

  private opened(leader: string, intervalMs: number): void {
    this.log.info({ leader }, 'connected to the leader');
    this.incoming = undefined;
    this.heartbeat.start(intervalMs > 0 ? intervalMs : this.opts.heartbeatIntervalMs);
    // What the leader may have missed while the stream was down.
    for (const e of this.pods.values()) if (e.lastStatus !== undefined) this.sendStatus(e.lastStatus);
  }

  private closed(reason: string): void {
    this.log.warn({ reason }, 'disconnected from the control plane; pods keep running');
    this.heartbeat.stop();
    this.requests.cancelAll();
    this.incoming = undefined;
  }

  private message(msg: ServerMessage__Output): void {
    try {
      switch (msg.msg) {
        case 'podSet': {
          const set = msg.podSet!;
          this.incoming = [...(this.incoming ?? []), ...set.pods.map((p) => objectFromWire(p))];
          if (set.last) {
            const pods = this.incoming;
            this.incoming = undefined;
            this.applySet(pods);
          }
          return;
        }
        case 'podChange': {
          const change = msg.podChange!;
          this.applyChange(change.type, objectFromWire(change.pod), Number(change.revision));
          return;
        }
        case 'logs':
          this.requests.logs(msg.logs!);
          return;
        case 'exec':
          this.requests.exec(msg.exec!);
          return;
        case 'cancel':
          this.requests.cancel(msg.cancel!.requestId);
          return;
        default:
          return;
      }
    } catch (err) {
      this.log.error({ err }, 'handling a message from the control plane failed');
    }
  }

  /** Converges on the full set: everything in it runs, everything else stops. */
  private applySet(pods: readonly KubeObject[]): void {
    const wanted = new Set<string>();
    for (const pod of pods) {
      const uid = pod.metadata.uid ?? '';
      wanted.add(uid);
      this.upsert(pod, revisionOf(pod));
    }
    for (const [uid, e] of this.pods) if (!wanted.has(uid)) this.remove(uid, e, e.pod.metadata.deletionGracePeriodSeconds ?? FORCE_DELETE_GRACE_SECONDS);
    if (!this.firstSetApplied) {
      this.firstSetApplied = true;
      void this.removeOrphans(wanted);
    }
    this.log.debug({ pods: pods.length }, 'pod set applied');
  }

  private applyChange(type: string, pod: KubeObject, revision: number): void {
    const uid = pod.metadata.uid ?? '';
    const e = this.pods.get(uid);
    if (e !== undefined && revision <= e.revision) return;
    if (type === 'DELETED') {
      if (e !== undefined) this.remove(uid, e, pod.metadata.deletionGracePeriodSeconds ?? FORCE_DELETE_GRACE_SECONDS);
      return;
    }
    this.upsert(pod, revision);
  }

  private upsert(pod: KubeObject, revision: number): void {
    const uid = pod.metadata.uid ?? '';
    let e = this.pods.get(uid);
    if (e === undefined) {
      const worker = this.newWorker(pod);
      e = { pod, revision, worker, terminated: false, removing: false };
      this.pods.set(uid, e);
      worker.start(this.recovered.get(uid) ?? []);
      this.recovered.delete(uid);
      this.log.info({ pod: podKey(pod), uid }, 'pod assigned');
    } else if (revision > e.revision) {
      e.pod = pod;
      e.revision = revision;
      e.worker.update(pod);
    }
    if (pod.metadata.deletionTimestamp !== undefined) this.terminate(e);
  }

  private newWorker(pod: KubeObject): PodWorker {
    return new PodWorker(pod, {
      runtime: this.deps.runtime,
      sources: this.deps.sources,
      podsDir: join(this.opts.dataDir, 'pods'),
      nodeName: this.opts.name,
      nodeAddress: this.opts.address,
      options: this.deps.podOptions,
      logger: this.deps.logger,
      onStatus: (status) => {
        const e = this.pods.get(status.metadata.uid ?? '');
        if (e === undefined || e.removing) return;
        e.lastStatus = status;
        this.sendStatus(status);
      },
    });
  }

  private sendStatus(status: KubeObject): void {
    this.conn.send({ podStatus: { pod: objectToWire(status).wire as ApiObject } });
  }

  /** A pod marked for deletion: stop it within its grace period, then tell the leader it is done. */
  private terminate(e: PodEntry): void {
    const md = e.pod.metadata;
    if (e.terminated) {
      this.conn.send({ podTerminated: { namespace: String(md.namespace), name: String(md.name), uid: String(md.uid) } });
      return;
    }
    if (e.terminating !== undefined) return;
    this.log.info({ pod: podKey(e.pod), graceSeconds: md.deletionGracePeriodSeconds }, 'stopping pod marked for deletion');
    e.terminating = e.worker.terminate(Number(md.deletionGracePeriodSeconds ?? 0)).then(
      () => {
        e.terminated = true;
        if (!e.removing) this.conn.send({ podTerminated: { namespace: String(md.namespace), name: String(md.name), uid: String(md.uid) } });
      },
      (err: unknown) => this.log.error({ err, pod: podKey(e.pod) }, 'stopping a pod failed'),
    );
  }

  /** The pod is gone from the store: stop what is left and delete its files. */
  private remove(uid: string, e: PodEntry, graceSeconds: number): void {
    if (e.removing) return;
    e.removing = true;
    const stopped = e.terminating ?? e.worker.terminate(Number(graceSeconds));
    void stopped
      .catch(() => undefined)
      .then(() => this.deps.runtime.removePod(uid))
      .then(
        () => this.log.info({ pod: podKey(e.pod), uid }, 'pod removed'),
        (err: unknown) => this.log.error({ err, uid }, 'removing a pod failed'),
      )
      .finally(() => {
        if (this.pods.get(uid) === e) this.pods.delete(uid);
      });
  }

  /** After the first full set: kills and deletes whatever a previous run left for pods not in it. */
  private async removeOrphans(wanted: ReadonlySet<string>): Promise<void> {
    const uids = new Set(this.recovered.keys());
    this.recovered.clear();
    try {
      for (const d of await readdir(join(this.opts.dataDir, 'pods'))) uids.add(d);
    } catch {
      // No pods directory yet.
    }
    const orphans = [...uids].filter((uid) => !wanted.has(uid) && !this.pods.has(uid));
    // Each removal waits for its processes to exit; several at a time, so that many orphans do
    // not take many poll intervals one after another.
    for (let i = 0; i < orphans.length; i += ORPHAN_REMOVALS_AT_ONCE) {
      await Promise.all(
        orphans.slice(i, i + ORPHAN_REMOVALS_AT_ONCE).map((uid) => {
          this.log.info({ uid }, 'removing an orphan pod left by a previous run');
          return this.deps.runtime.removePod(uid).catch((err: unknown) => this.log.error({ err, uid }, 'removing an orphan pod failed'));
        }),
      );
    }
  }
}

/** Changes with every agent process, so that the leader can tell a restart from a reconnect. */
const BOOT_ID = `${process.pid}-${Date.now().toString(36)}`;
