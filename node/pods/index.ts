// The public face of node/pods/: one PodWorker per pod on this node, its options, and where it
// reads ConfigMaps and Secrets.
export { PodWorker } from './pod-worker.js';
export type { PodWorkerDeps } from './pod-worker.js';
export { compilePodWorkerOptions } from './options.js';
export type { PodWorkerOptions, CompiledPodWorkerOptions } from './options.js';
export { InformerPodSources, MAX_INFORMER_NAMESPACES } from './sources.js';
export type { PodSources, SourceKind } from './sources.js';
export type { PodTimers } from './backoff.js';
export { podStatus, podPhase, qosClass, rfc3339 } from './status.js';
export type { ContainerFacts, PodFacts, PodStatus } from './status.js';
export { parseQuantity } from './env.js';
