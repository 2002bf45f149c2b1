// The public face of the berth SDK: `import { connect } from 'berth'`.
export { BerthError, isBerthError, isErrorCode, ERROR_CODES, BERTH_CODE_METADATA, BERTH_DETAILS_METADATA } from './errors.js';
export {
  NotFoundError,
  AlreadyExistsError,
  ConflictError,
  UnavailableError,
  ForbiddenError,
  InvalidError,
  invalidObject,
  makeBerthError,
} from './errors.js';
export type { ErrorCode, BerthErrorOptions, FieldCause } from './errors.js';
export { KINDS, findKind, resolveKind, kindByWireField } from './objects/kinds.js';
export { objectToWire, objectFromWire, checkShape } from './objects/codec.js';
export type { ToWireOptions, ToWireResult } from './objects/codec.js';
export { isWellFormed, toWellFormed } from './unicode.js';
export { parseQuantity, quantityValue, QUANTITY_TEXT_MAX } from './objects/quantity.js';
export type { KindInfo } from './objects/kinds.js';
export type * from './objects/types.js';
export { connect, Client } from './client.js';
export { DEFAULT_WATCH_BUFFER_EVENTS } from './options.js';
export type { ConnectOptions, ConnectEnvironment, RetryOptions, CompiledConnectOptions } from './options.js';
export { loadClientConfig, writeClientConfig, renderClientConfig, defaultClientConfigPath } from './config.js';
export type { ClientConfig } from './config.js';
export type { KvClient } from './kv.js';
export type { ClusterClient } from './cluster.js';
export type { NodeClient } from './nodes.js';
export { MAX_EXEC_COLLECT_BYTES } from './nodes.js';
export { DEFAULT_DRAIN_TIMEOUT_MS, DRAIN_POLL_INTERVAL_MS } from './drain.js';
export type { DrainOptions, DrainProgress, DrainResult } from './drain.js';
export type {
  ClusterUsage,
  ContainerUsage,
  ExecCollectOptions,
  ExecOptions,
  ExecOutput,
  ExecResult,
  LogsOptions,
  NodeUsage,
  PodUsage,
  ResourceUsage,
} from './nodes.js';
export {
  RolloutClient,
  scaleWorkload,
  changeObject,
  withoutHashLabel,
  CHANGE_CAUSE_ANNOTATION,
  RESTARTED_AT_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  MAX_CONFLICT_RETRIES,
  SCALABLE_KINDS,
  RESTARTABLE_KINDS,
} from './rollout.js';
export type {
  RestartOptions,
  RolloutApi,
  RolloutHistory,
  RolloutOptions,
  RolloutRevision,
  RolloutWriteOptions,
  ScaleOptions,
  UndoOptions,
  UndoResult,
} from './rollout.js';
export {
  RolloutFailedError,
  followRollout,
  rolloutState,
  rolloutKind,
  REVISION_ANNOTATION,
  ROLLED_BACK_GENERATION_ANNOTATION,
  ROLLBACK_REASON_ANNOTATION,
  ROLLOUT_KINDS,
  ROLLOUT_REWATCH_DELAY_MS,
} from './rollout-status.js';
export type { RolloutFailureReason, RolloutProgress, RolloutState, RolloutStatus, RolloutStatusApi, RolloutStatusOptions } from './rollout-status.js';
export type { WatchStream } from './watch.js';
export type {
  ClusterStatus,
  Compare,
  CompareOp,
  DeleteOptions,
  DeleteResult,
  KeySetOptions,
  KeyValue,
  Member,
  MemberProgress,
  PutOptions,
  PutResult,
  RaftRole,
  RangeOptions,
  RangeResult,
  ReadOptions,
  ResponseHeader,
  TxnOp,
  TxnOpResult,
  TxnRequest,
  TxnResult,
  WatchEvent,
  WatchOptions,
} from './types.js';
export {
  subjects,
  endpointsBucket,
  endpointsKey,
  parseEndpointsKey,
  clusterIdProblem,
  encodeEndpointSet,
  decodeEndpointSet,
  decodeMetricSample,
  isNewer,
  MAX_MESSAGE_BYTES,
} from './discovery/wire.js';
export type { EndpointSet, EndpointSource, ServiceEndpoint, ServicePortInfo, ObjectEventMessage, ScalingDecision, MetricSample } from './discovery/wire.js';
export { endpointSetOf, deletedEndpointSet, readyEndpoints } from './discovery/endpoint-set.js';
export {
  DiscoveryCache,
  DiscoveryClient,
  RoundRobinPicker,
  LeastOutstandingPicker,
  DEFAULT_CLUSTER_ID,
  DEFAULT_MAX_DISCOVERY_LISTENERS,
  DEFAULT_MAX_DISCOVERY_SERVICES,
} from './discovery/index.js';
export type {
  CachedEndpointSet,
  DiscoveryCacheOptions,
  DiscoveryFallback,
  DiscoveryListener,
  DiscoveryMode,
  DiscoveryOptions,
  DiscoveryStatus,
  OutstandingPick,
  ResolveOptions,
  SetSource,
} from './discovery/index.js';
export type { NatsOption } from './discovery/nats-option.js';
export { connectNats, parseNatsServers, MAX_NATS_SERVERS } from './nats/options.js';
export type { NatsOptions } from './nats/options.js';
export { NATS_FLAGS, NATS_FLAGS_USAGE, natsOptionsFromFlags } from './nats/flags.js';
