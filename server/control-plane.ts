// The leader-only automation of a replica: the scheduler and every workload controller (and, with
// NATS configured, the NATS publisher), run by the controller manager whenever this replica leads. One list, so that `berth server --controllers`
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
import { NATS_PUBLISHER } from './events/index.js';
import { schedulerSpec } from './scheduler/index.js';

export interface ControlPlaneSpecOptions {
  /** The leader's NATS publisher; only when NATS is configured (`berth server --nats`). */
  readonly natsPublisher?: ControllerSpec;
}

/** Every controller berth runs, in start order. */
export function controlPlaneSpecs(options: ControlPlaneSpecOptions = {}): ControllerSpec[] {
  const publisher = options.natsPublisher === undefined ? [] : [options.natsPublisher];
  return [...publisher, schedulerSpec(), replicaSetController(), deploymentController(), statefulSetController(), daemonSetController(), jobController(), cronJobController(), garbageCollector(), endpointsController(), hpaController()];
}

/** The names `--controllers` accepts (nats-publisher too: it runs only with --nats). */
export const CONTROLLER_NAMES: readonly string[] = [NATS_PUBLISHER, ...controlPlaneSpecs().map((s) => s.name)];

/** What the control plane's controllers get besides the store: pods' signals, the scaling sink. */
export interface ControlPlaneInputs extends ControlPlaneSpecOptions {
  readonly signals?: PodSignals;
  readonly scaling?: ScalingSink;
}

export function startControlPlane(reg: ObjectRegistry, caches: WatchCaches, options: ControllerOptions, inputs: ControlPlaneInputs = {}): ControllerManager {
  const { natsPublisher, ...deps } = inputs;
  return startControllers({ reg, caches, ...deps }, controlPlaneSpecs({ natsPublisher }), options);
}
