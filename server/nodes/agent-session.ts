// One agent's NodeService.Connect stream, on the leader. The first message registers the node
// (its Node object is created or updated, Ready=True); then the pods bound to it go down — the
// full set at a revision, in chunks, then every change — while heartbeats, pod status and
// log/exec output come up. The pod feed is an object watch (the same watch cache as
// ObjectService.Watch), filtered by spec.nodeName, so a reconnect after any failure starts from a
// fresh full set and the agent converges on it: nothing duplicated, nothing forgotten.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../client/index.js';
import { BerthError, InvalidError, isBerthError, objectFromWire, objectToWire, resolveKind } from '../../client/index.js';
import type { ApiObject } from '../../proto/gen/berth/objects/v1/ApiObject.js';
import type { AgentMessage__Output } from '../../proto/gen/berth/v1/AgentMessage.js';
import type { Register__Output } from '../../proto/gen/berth/v1/Register.js';
import type { ServerMessage } from '../../proto/gen/berth/v1/ServerMessage.js';
import type { StreamData__Output } from '../../proto/gen/berth/v1/StreamData.js';
import type { EventOutlet, ObjectRegistry, OutgoingEvent, WatchCaches } from '../api/index.js';
import { WatchSession, failStream, timestamp } from '../api/index.js';
import type { NodeLiveness } from './liveness.js';
import { registeredNode } from './node-state.js';
import type { CompiledNodeServiceOptions } from './options.js';
import type { PodStatusWriter } from './status-writer.js';
import { usageFromHeartbeat } from './usage.js';

const NODE = resolveKind('Node');
const POD = resolveKind('Pod');

export type ConnectCall = ServerDuplexStream<AgentMessage__Output, ServerMessage>;

/** Where a relayed request's output goes (see relay.ts). */
export interface RelaySink {
  data(msg: StreamData__Output): void;
  /** The stream to the agent broke: the request cannot finish. */
  lost(err: BerthError): void;
}

export interface SessionDeps {
  readonly reg: ObjectRegistry;
  readonly caches: WatchCaches;
  readonly liveness: NodeLiveness;
  readonly statusWriter: PodStatusWriter;
  readonly opts: CompiledNodeServiceOptions;
  /** Called once the node is registered. */
  readonly attach: (s: AgentSession) => void;
  /** Called once when the session ends, registered or not. */
  readonly detach: (s: AgentSession) => void;
}

export class AgentSession {
  nodeName = '';
  bootId = '';
  private feed: WatchSession | undefined;
  /**
   * The newest version of each pod on this node, as the feed sent it (bounded by the node's pods):
   * a status report starts its compare-and-swap from it instead of reading the store.
   */
  private readonly known = new Map<string, KubeObject>();
  private readonly relays = new Map<string, RelaySink>();
  private closed = false;
  private registering = false;

  constructor(
    private readonly call: ConnectCall,
    private readonly deps: SessionDeps,
  ) {
    call.on('data', (msg: AgentMessage__Output) => this.onMessage(msg));
    call.on('end', () => this.close(new BerthError('UNAVAILABLE', 'the agent ended its stream')));
    call.on('cancelled', () => this.close(new BerthError('UNAVAILABLE', 'the agent stream was cancelled')));
    call.on('error', () => this.close(new BerthError('UNAVAILABLE', 'the agent stream failed')));
  }

  private get log() {
    return this.deps.opts.logger;
  }

  private onMessage(msg: AgentMessage__Output): void {
    if (this.closed) return;
    try {
      if (this.nodeName === '' && msg.msg !== 'register') throw new InvalidError('the first message on an agent stream must be register');
      switch (msg.msg) {
        case 'register':
          if (this.nodeName !== '' || this.registering) throw new InvalidError('register: already registered on this stream');
          void this.register(msg.register!);
          return;
        case 'heartbeat':
          this.deps.liveness.heard(this.nodeName, usageFromHeartbeat(msg.heartbeat!));
          return;
        case 'podStatus':
          {
            const pod = this.podOf(msg.podStatus!.pod);
            this.deps.statusWriter.submit(this.nodeName, pod, this.known.get(pod.metadata.uid ?? ''));
          }
          return;
        case 'podTerminated':
          void this.podTerminated(msg.podTerminated!.namespace, msg.podTerminated!.name, msg.podTerminated!.uid);
          return;
        case 'streamData':
          this.relays.get(msg.streamData!.requestId)?.data(msg.streamData!);
          if (msg.streamData!.end) this.relays.delete(msg.streamData!.requestId);
          return;
        default:
          throw new InvalidError('agent message: empty');
      }
    } catch (err) {
      this.fail(err);
    }
  }

  private podOf(wire: unknown): KubeObject {
    const pod = objectFromWire(wire);
    if (pod.kind !== 'Pod') throw new InvalidError(`pod_status.pod: must be a Pod (got ${pod.kind})`);
    return pod;
  }

  private async register(reg: Register__Output): Promise<void> {
    this.registering = true;
    try {
      const reported = objectFromWire(reg.node);
      if (reported.kind !== 'Node') throw new InvalidError(`register.node: must be a Node (got ${reported.kind})`);
      const name = String(reported.metadata.name ?? '');
      const now = timestamp(new Date(this.deps.opts.now()));
      const registry = this.deps.reg;
      try {
        await registry.modify(NODE, undefined, name, {}, (cur) => registeredNode(cur, reported, now));
      } catch (err) {
        if (!isBerthError(err, 'NOT_FOUND')) throw err;
        // create() drops the status of a kind with a status subresource (prepareCreate), so the
        // status (Ready=True, capacity, addresses, nodeInfo) goes in with a second write.
        await registry.create(registeredNode(undefined, reported, now));
        await registry.modify(NODE, undefined, name, {}, (cur) => registeredNode(cur, reported, now));
      }
      if (this.closed) return;
      this.nodeName = name;
      this.bootId = reg.bootId;
      this.deps.attach(this);
      this.deps.liveness.heard(name, undefined, true);
      const { term, leader } = registry.node.termAndLeader();
      this.send({ registered: { node: name, leader, term, heartbeatIntervalMs: this.deps.opts.heartbeatIntervalMs } });
      this.log.info({ node: name, bootId: reg.bootId }, 'agent registered');
      await this.startFeed(name);
    } catch (err) {
      this.fail(err);
    } finally {
      this.registering = false;
    }
  }

  private startFeed(name: string): Promise<void> {
    const params = {
      kind: POD,
      namespace: '',
      matches: (pod: KubeObject) => ((pod.spec ?? {}) as { nodeName?: string }).nodeName === name,
      route: name,
      fromRevision: 0,
      sendInitialEvents: true,
      allowBookmarks: false,
    };
    this.feed = new WatchSession(this.deps.reg, this.deps.caches.of(POD), params, this.outlet(), () => undefined);
    return this.feed.start();
  }

  /** Turns watch events into PodSet chunks (until the initial-events bookmark) and PodChanges. */
  private outlet(): EventOutlet {
    let initial = true;
    let chunk: ApiObject[] = [];
    return {
      write: (events: readonly OutgoingEvent[]) => {
        let ok = true;
        for (const e of events) {
          const uid = e.object?.metadata.uid;
          if (uid !== undefined && e.object !== undefined) {
            if (e.type === 'DELETED') this.known.delete(uid);
            else if (e.type !== 'BOOKMARK') this.known.set(uid, e.object);
          }
          if (initial) {
            if (e.object !== undefined && e.type !== 'BOOKMARK') chunk.push(objectToWire(e.object).wire as ApiObject);
            const end = e.initialEventsEnd === true;
            if (chunk.length >= this.deps.opts.podSetChunk || end) {
              ok = this.send({ podSet: { pods: chunk, revision: e.revision, last: end } });
              chunk = [];
            }
            if (end) initial = false;
          } else if (e.type !== 'BOOKMARK' && e.object !== undefined) {
            ok = this.send({ podChange: { type: e.type, pod: objectToWire(e.object).wire as ApiObject, revision: e.revision } });
          }
        }
        return ok;
      },
      onDrain: (fn) => this.call.once('drain', fn),
      fail: (err) => this.fail(err),
    };
  }

  /** The agent stopped a deleted pod's containers: remove the pod, if it is still the one marked. */
  private async podTerminated(namespace: string, name: string, uid: string): Promise<void> {
    try {
      const pod = await this.deps.reg.get(POD, namespace, name);
      if (pod.metadata.uid !== uid || ((pod.spec ?? {}) as { nodeName?: string }).nodeName !== this.nodeName) return;
      if (pod.metadata.deletionTimestamp === undefined) return;
      await this.deps.reg.delete(POD, namespace, name, { uid }, false, 0);
      this.log.info({ node: this.nodeName, pod: `${namespace}/${name}` }, 'pod terminated and removed');
    } catch (err) {
      if (!isBerthError(err, 'NOT_FOUND') && !isBerthError(err, 'CONFLICT')) this.log.warn({ node: this.nodeName, pod: `${namespace}/${name}`, err }, 'removing a terminated pod failed');
    }
  }

  /** Sends a log or exec request down; returns its id. */
  request(make: (id: string) => ServerMessage, sink: RelaySink): string {
    if (this.closed) throw new BerthError('UNAVAILABLE', `node ${this.nodeName} is not connected`);
    if (this.relays.size >= this.deps.opts.maxRequestsPerAgent) {
      throw new BerthError('RESOURCE_EXHAUSTED', `node ${this.nodeName} has ${this.relays.size} log/exec requests open (limit ${this.deps.opts.maxRequestsPerAgent}, maxRequestsPerAgent); try again later`);
    }
    const id = randomUUID();
    this.relays.set(id, sink);
    this.send(make(id));
    return id;
  }

  cancel(id: string): void {
    if (this.relays.delete(id)) this.send({ cancel: { requestId: id } });
  }

  send(msg: ServerMessage): boolean {
    if (this.closed || this.call.writableEnded || this.call.destroyed) return false;
    return this.call.write(msg);
  }

  /** Ends the stream with an error (the agent reconnects). */
  fail(err: unknown): void {
    const e = err instanceof BerthError ? err : new BerthError('INTERNAL', `agent stream failed: ${String(err)}`, { cause: err });
    if (!this.closed) failStream(this.call as never, e, this.log, 'NodeService/Connect');
    this.close(e);
  }

  close(err: BerthError): void {
    if (this.closed) return;
    this.closed = true;
    this.feed?.close();
    for (const sink of this.relays.values()) sink.lost(err);
    this.relays.clear();
    this.deps.detach(this);
    if (this.nodeName !== '') this.log.info({ node: this.nodeName, reason: err.message }, 'agent stream closed');
  }
}
