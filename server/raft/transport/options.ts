// Options of the gRPC Raft transport, compiled once (CONVENTIONS.md §7, §12).
import type { ChannelCredentials, ChannelOptions } from '@grpc/grpc-js';
import { credentials as grpcCredentials } from '@grpc/grpc-js';
import type { NodeId } from '../core/index.js';

export interface GrpcTransportOptions {
  /** The cluster this replica belongs to; messages of another cluster are refused. Required. */
  clusterId: string;
  /** This replica's id. Required. */
  selfId: NodeId;
  /** The other members and their `host:port` addresses. @default {} */
  peers?: Record<NodeId, string>;
  /**
   * Messages waiting for one peer's stream. A full queue drops the new message and reports the
   * peer unreachable; Raft retransmits. @default 4096
   */
  maxQueuedMessagesPerPeer?: number;
  /** Messages in one envelope (one stream write). @default 256 */
  maxBatchMessages?: number;
  /** Bytes of snapshot data in one InstallSnapshot chunk. @default 1048576 (1 MiB) */
  snapshotChunkBytes?: number;
  /** Largest snapshot this replica accepts; a larger one is refused before it is read. @default 4294967296 (4 GiB) */
  maxSnapshotBytes?: number;
  /** Snapshots being received at once (each is held in memory until complete). @default 2 */
  maxInboundSnapshots?: number;
  /** An outgoing snapshot stream that has not finished after this long is cancelled. @default 600000 */
  snapshotTimeoutMs?: number;
  /** First delay before re-opening a failed stream; doubles per failure, with jitter. @default 50 */
  reconnectBackoffMinMs?: number;
  /** Longest delay before re-opening a failed stream. @default 2000 */
  reconnectBackoffMaxMs?: number;
  /**
   * Largest gRPC message sent or received (an envelope or a chunk). Also what the grpc.Server
   * that hosts RaftService must accept: see grpcServerOptions(). @default 67108864 (64 MiB)
   */
  maxMessageBytes?: number;
  /** Client credentials for the peer channels. @default grpc.credentials.createInsecure() */
  credentials?: ChannelCredentials;
}

export type CompiledGrpcTransportOptions = Readonly<Required<GrpcTransportOptions>>;

function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`transport.${name}: must be an integer >= 1 (got ${String(value)})`);
  }
  return value;
}

function nonEmpty(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new RangeError(`transport.${name}: must be a non-empty string (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** Fills defaults and validates, once. Throws a RangeError that names the bad option. */
export function compileGrpcTransportOptions(raw: GrpcTransportOptions): CompiledGrpcTransportOptions {
  const reconnectBackoffMinMs = positiveInt('reconnectBackoffMinMs', raw.reconnectBackoffMinMs ?? 50);
  const reconnectBackoffMaxMs = positiveInt('reconnectBackoffMaxMs', raw.reconnectBackoffMaxMs ?? 2000);
  if (reconnectBackoffMaxMs < reconnectBackoffMinMs) {
    throw new RangeError(
      `transport.reconnectBackoffMaxMs: must be >= reconnectBackoffMinMs (got ${reconnectBackoffMaxMs} < ${reconnectBackoffMinMs})`,
    );
  }
  const maxMessageBytes = positiveInt('maxMessageBytes', raw.maxMessageBytes ?? 64 << 20);
  const snapshotChunkBytes = positiveInt('snapshotChunkBytes', raw.snapshotChunkBytes ?? 1 << 20);
  if (snapshotChunkBytes > maxMessageBytes / 2) {
    throw new RangeError(
      `transport.snapshotChunkBytes: must be at most half of maxMessageBytes (got ${snapshotChunkBytes}, maxMessageBytes ${maxMessageBytes})`,
    );
  }
  const peers = { ...(raw.peers ?? {}) };
  for (const [id, address] of Object.entries(peers)) nonEmpty(`peers.${id}`, address);
  return {
    clusterId: nonEmpty('clusterId', raw.clusterId),
    selfId: nonEmpty('selfId', raw.selfId),
    peers,
    maxQueuedMessagesPerPeer: positiveInt('maxQueuedMessagesPerPeer', raw.maxQueuedMessagesPerPeer ?? 4096),
    maxBatchMessages: positiveInt('maxBatchMessages', raw.maxBatchMessages ?? 256),
    snapshotChunkBytes,
    maxSnapshotBytes: positiveInt('maxSnapshotBytes', raw.maxSnapshotBytes ?? 2 ** 32),
    maxInboundSnapshots: positiveInt('maxInboundSnapshots', raw.maxInboundSnapshots ?? 2),
    snapshotTimeoutMs: positiveInt('snapshotTimeoutMs', raw.snapshotTimeoutMs ?? 600_000),
    reconnectBackoffMinMs,
    reconnectBackoffMaxMs,
    maxMessageBytes,
    credentials: raw.credentials ?? grpcCredentials.createInsecure(),
  };
}

/** Channel options of the peer clients: message limits, and gRPC's own reconnect backoff aligned with ours. */
export function peerChannelOptions(options: CompiledGrpcTransportOptions): ChannelOptions {
  return {
    'grpc.max_send_message_length': options.maxMessageBytes,
    'grpc.max_receive_message_length': options.maxMessageBytes,
    'grpc.initial_reconnect_backoff_ms': options.reconnectBackoffMinMs,
    'grpc.max_reconnect_backoff_ms': options.reconnectBackoffMaxMs,
    // Channelz bookkeeping costs a few percent of CPU per call; berth does not expose it.
    'grpc.enable_channelz': 0,
    // A peer stream on a connection that died without a reset (a cut network, a frozen host)
    // would otherwise wait for TCP to give up, minutes later; pings find it within seconds.
    'grpc.keepalive_time_ms': PEER_KEEPALIVE_MS,
    'grpc.keepalive_timeout_ms': PEER_KEEPALIVE_TIMEOUT_MS,
    'grpc.keepalive_permit_without_calls': 1,
  };
}

/** How often peer channels ping an idle connection, and how long they wait for the answer. */
export const PEER_KEEPALIVE_MS = 5_000;
export const PEER_KEEPALIVE_TIMEOUT_MS = 3_000;

/**
 * Options the server process passes to the grpc.Server that hosts RaftService, so that it
 * accepts envelopes and chunks up to maxMessageBytes (gRPC's default receive limit is 4 MiB).
 */
export function grpcServerOptions(raw: Pick<GrpcTransportOptions, 'maxMessageBytes'> = {}): ChannelOptions {
  const maxMessageBytes = positiveInt('maxMessageBytes', raw.maxMessageBytes ?? 64 << 20);
  return {
    'grpc.max_send_message_length': maxMessageBytes,
    'grpc.max_receive_message_length': maxMessageBytes,
    // Channelz bookkeeping costs a few percent of CPU per call; berth does not expose it.
    'grpc.enable_channelz': 0,
    // The server pings its clients too, so that streams of clients that vanished end.
    'grpc.keepalive_time_ms': 2 * PEER_KEEPALIVE_MS,
    'grpc.keepalive_timeout_ms': PEER_KEEPALIVE_TIMEOUT_MS,
  };
}
