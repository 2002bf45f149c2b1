// The agent's one stream to the control plane. It tries the replicas it was given in turn and
// follows a NOT_LEADER answer to the leader's address; once the leader accepts the registration
// the stream is open until either side ends it, and then the loop starts again with a bounded,
// jittered back-off. Each new stream starts with a fresh registration, and the leader answers
// with the node's full pod set, so nothing that happened while disconnected is lost.
import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { BERTH_CODE_METADATA, BERTH_DETAILS_METADATA } from '../../client/index.js';
import type { AgentMessage } from '../../proto/gen/berth/v1/AgentMessage.js';
import type { NodeServiceClient } from '../../proto/gen/berth/v1/NodeService.js';
import type { ServerMessage__Output } from '../../proto/gen/berth/v1/ServerMessage.js';
import { nodeProto } from '../../proto/load.js';
import type { CompiledAgentOptions } from './options.js';

/** Pings on an idle stream, so that a leader cut off without a reset is noticed within seconds. */
const KEEPALIVE_MS = 5_000;
const KEEPALIVE_TIMEOUT_MS = 3_000;
/** Largest message either way (a PodSet chunk of big pods). */
const MAX_MESSAGE_BYTES = 64 << 20;

export interface ConnectionHandlers {
  /** The leader accepted the registration; messages may be sent. */
  opened(leader: string, heartbeatIntervalMs: number): void;
  message(msg: ServerMessage__Output): void;
  /** The stream ended; nothing can be sent until the next opened(). */
  closed(reason: string): void;
}

interface Outcome {
  readonly registered: boolean;
  readonly leaderAddress?: string;
  readonly reason: string;
}

type Stream = grpc.ClientDuplexStream<AgentMessage, ServerMessage__Output>;

export class AgentConnection {
  private readonly clients = new Map<string, NodeServiceClient>();
  private stream: Stream | undefined;
  private open = false;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly opts: CompiledAgentOptions,
    private readonly registration: () => AgentMessage,
    private readonly handlers: ConnectionHandlers,
    private readonly log: Logger,
  ) {}

  get connected(): boolean {
    return this.open;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.stream?.cancel();
    this.wake?.();
    for (const c of this.clients.values()) c.close();
  }

  /** Writes on the open stream; false when there is none (or its buffer is full). */
  send(msg: AgentMessage): boolean {
    if (!this.open || this.stream === undefined) return false;
    return this.stream.write(msg);
  }

  /** Resolves when the stream can take more (or is gone): for senders of bulk output. */
  whenWritable(): Promise<void> {
    const stream = this.stream;
    if (stream === undefined || !stream.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
    });
  }

  private async run(): Promise<void> {
    let attempt = 0;
    let next = 0;
    let hint: string | undefined;
    while (!this.stopped) {
      const address = hint ?? this.opts.servers[next++ % this.opts.servers.length]!;
      hint = undefined;
      const outcome = await this.once(address);
      if (this.stopped) break;
      if (outcome.registered) attempt = 0;
      if (outcome.leaderAddress !== undefined && outcome.leaderAddress !== address) {
        // A follower's channel would otherwise stay open (and ping) for as long as the agent runs.
        this.clients.get(address)?.close();
        this.clients.delete(address);
        hint = outcome.leaderAddress;
        this.log.debug({ from: address, to: hint }, 'following the leader');
        continue;
      }
      const wait = Math.min(this.opts.reconnectMaxMs, this.opts.reconnectMinMs * 2 ** Math.min(attempt++, 16));
      this.log.debug({ address, reason: outcome.reason, waitMs: wait }, 'agent stream ended; reconnecting');
      await this.sleep(wait / 2 + Math.random() * (wait / 2));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private client(address: string): NodeServiceClient {
    let c = this.clients.get(address);
    if (c === undefined) {
      c = new (nodeProto().NodeService)(address, grpc.credentials.createInsecure(), {
        'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
        'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
        'grpc.keepalive_time_ms': KEEPALIVE_MS,
        'grpc.keepalive_timeout_ms': KEEPALIVE_TIMEOUT_MS,
        'grpc.keepalive_permit_without_calls': 1,
        'grpc.enable_channelz': 0,
        // One connection per agent, even when many (simulated) agents share a process.
        'grpc.use_local_subchannel_pool': 1,
      });
      this.clients.set(address, c);
    }
    return c;
  }

  /** One stream to `address`, from registration until it ends. */
  private once(address: string): Promise<Outcome> {
    return new Promise((resolve) => {
      let registered = false;
      let settled = false;
      const stream = this.client(address).Connect();
      this.stream = stream;
      const finish = (outcome: Omit<Outcome, 'registered'>): void => {
        if (settled) return;
        settled = true;
        if (this.open) this.handlers.closed(outcome.reason);
        this.open = false;
        this.stream = undefined;
        stream.cancel();
        resolve({ ...outcome, registered });
      };
      stream.on('data', (msg: ServerMessage__Output) => {
        if (msg.msg === 'registered' && !registered) {
          registered = true;
          this.open = true;
          this.handlers.opened(msg.registered!.leader, msg.registered!.heartbeatIntervalMs);
          return;
        }
        if (registered) this.handlers.message(msg);
      });
      stream.on('error', (err: grpc.ServiceError) => finish(outcomeOf(err)));
      stream.on('end', () => finish({ reason: 'the server ended the stream' }));
      stream.write(this.registration());
    });
  }
}

function outcomeOf(err: grpc.ServiceError): Omit<Outcome, 'registered'> {
  const code = err.metadata?.get(BERTH_CODE_METADATA)[0];
  if (code === 'NOT_LEADER') {
    try {
      const details = JSON.parse(String(err.metadata.get(BERTH_DETAILS_METADATA)[0] ?? '{}')) as { leaderAddress?: unknown };
      if (typeof details.leaderAddress === 'string' && details.leaderAddress !== '') return { leaderAddress: details.leaderAddress, reason: err.details };
    } catch {
      // Unparsable details: treat as a plain failure.
    }
  }
  return { reason: err.details || err.message };
}
