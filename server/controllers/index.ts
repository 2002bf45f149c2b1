// The public face of the controllers: the manager that runs them on the leader, their contract,
// and the helpers the scheduler shares with them.
export { startControllers } from './manager.js';
export type { ControllerDeps, ControllerManager } from './manager.js';
export { compileControllerOptions } from './options.js';
export type { ControllerOptions, CompiledControllerOptions, PlacementStrategy } from './options.js';
export type {
  ControllerContext,
  ControllerSpec,
  EventRecorderView,
  InformerEvent,
  InformerEventType,
  InformerView,
  Informers,
  PodSignals,
  ScalingSink,
  Reconciler,
  ReconcileResult,
  WorkQueueView,
} from './types.js';
export { keyOf, splitKey, NO_SIGNALS, NO_SCALING_SINK } from './types.js';
export { EPOCH_KEY } from './fence.js';
export * from './objects.js';
export { replicaSetController } from './replicaset.js';
export { deploymentController } from './deployment.js';
export { statefulSetController } from './statefulset.js';
export { daemonSetController } from './daemonset.js';
export { jobController } from './job.js';
export { cronJobController } from './cronjob.js';
export { garbageCollector } from './gc.js';
export { hpaController } from './hpa.js';
export { endpointsController } from './endpoints.js';
