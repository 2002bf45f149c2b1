// The leader-only automation of a replica: the scheduler and every workload controller, run by the
// controller manager whenever this replica leads. One list, so that `berth server --controllers`
// and the docs name the same set.
import type { ObjectRegistry, WatchCaches } from './api/index.js';
import type { ControllerManager, ControllerOptions, ControllerSpec, PodSignals, ScalingSink } from './controllers/index.js';
import {
  cronJobController,
  daemonSetController,
  deploymentController,
  endpointsController,
  garbageCollector,
  hpaController,
  jobController,
  replicaSetController,
  startControllers,
  statefulSetController,
} from './controllers/index.js';
import { schedulerSpec } from './scheduler/index.js';

/** Every controller berth runs, in start order. */
export function controlPlaneSpecs(): ControllerSpec[] {
  return [schedulerSpec(), replicaSetController(), deploymentController(), statefulSetController(), daemonSetController(), jobController(), cronJobController(), garbageCollector(), endpointsController(), hpaController()];
}

/** The names `--controllers` accepts. */
export const CONTROLLER_NAMES: readonly string[] = controlPlaneSpecs().map((s) => s.name);

/** What the control plane's controllers get besides the store: pods' signals, the scaling sink. */
export interface ControlPlaneInputs {
  readonly signals?: PodSignals;
  readonly scaling?: ScalingSink;
}

export function startControlPlane(reg: ObjectRegistry, caches: WatchCaches, options: ControllerOptions, inputs: ControlPlaneInputs = {}): ControllerManager {
  return startControllers({ reg, caches, ...inputs }, controlPlaneSpecs(), options);
}
