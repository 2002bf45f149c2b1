// The contract between the controller manager and the controllers (and the scheduler) it runs on
// the leader. A controller reads only from shared informers (in-memory copies of the store that
// follow its watch), writes only through the fenced registry (every write also compares the
// leadership epoch, so a deposed leader's late write fails), and is level-triggered: reconcile(key)
// looks at how things are and moves them one step towards how they should be, so that running it
// again, or on a new leader after a crash at any instant, converges to the same state.
import type { Logger } from 'pino';
import type { KindInfo, KubeObject, ScalingDecision } from '../../client/index.js';
import type { ObjectRegistry } from '../api/index.js';
import type { CompiledControllerOptions } from './options.js';

export type InformerEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface InformerEvent {
  readonly type: InformerEventType;
  /** The new version; for DELETED the last version. Shared: never mutate it. */
  readonly object: KubeObject;
  /** The version before, for MODIFIED and DELETED. */
  readonly prev?: KubeObject;
}

/**
 * One kind's objects, in memory, following the store. Objects it hands out are shared with every
 * controller: treat them as read-only (clone before changing).
 */
export interface InformerView {
  readonly kind: KindInfo;
  /** The store revision through which this copy has every change. */
  readonly revision: number;
  get(namespace: string | undefined, name: string): KubeObject | undefined;
  /** Every object, or those of one namespace. */
  list(namespace?: string): KubeObject[];
  /**
   * Objects by a secondary index. Built in: "controller" (uid of the controlling owner) for every
   * kind, "node" (spec.nodeName) for pods.
   */
  byIndex(index: string, value: string): KubeObject[];
  /** Adds an index; objects already held are indexed at once. */
  addIndex(name: string, keys: (obj: KubeObject) => readonly string[]): void;
  /** Changes after the initial list, in revision order. Returns an unsubscribe function. */
  on(handler: (e: InformerEvent) => void): () => void;
}

export interface Informers {
  /** The informer of a kind named in the controller's `kinds`; synced before the controller starts. */
  of(kind: KindInfo): InformerView;
}

/** A controller's queue of keys ("ns/name", or "name" for cluster-scoped kinds). */
export interface WorkQueueView {
  /** Queues `key` unless it is already queued; a key being reconciled is queued again after. */
  add(key: string): void;
  /** Queues `key` after `ms` (the earliest of several requests wins). */
  addAfter(key: string, ms: number): void;
  readonly length: number;
}

export interface EventRecorderView {
  /**
   * Records an Event about `object`. The same (object, reason, message) repeated within the
   * aggregation window updates one Event's count instead of writing a new one. Never throws.
   */
  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** What the leader knows about pods outside the store: usage from heartbeats, metrics from NATS. */
export interface PodSignals {
  /** A pod's usage as its agent's last heartbeat reported it (leader memory), or undefined. */
  usage(namespace: string, pod: string): { readonly cpuMillicores: number; readonly memoryBytes: number } | undefined;
  /** The latest sample of a custom metric an application published for a pod (NATS), or undefined. */
  metric(namespace: string, pod: string, name: string): { readonly value: number; readonly atMs: number } | undefined;
}

/** Where autoscaling decisions go besides Events (the NATS publisher); never blocks, never throws. */
export interface ScalingSink {
  publish(decision: ScalingDecision): void;
}

/** No usage and no metrics: a replica without agents' heartbeats or without NATS. */
export const NO_SIGNALS: PodSignals = { usage: () => undefined, metric: () => undefined };
export const NO_SCALING_SINK: ScalingSink = { publish: () => undefined };

export interface ControllerContext {
  /** Writes: fenced by the leadership epoch. A write after leadership was lost fails UNAVAILABLE. */
  readonly reg: ObjectRegistry;
  readonly informers: Informers;
  readonly queue: WorkQueueView;
  readonly events: EventRecorderView;
  readonly logger: Logger;
  readonly options: CompiledControllerOptions;
  readonly signals: PodSignals;
  readonly scaling: ScalingSink;
  /** The clock (the registry's). */
  now(): Date;
}

/** What reconcile asks for next: nothing (done until something changes), or another look later. */
export type ReconcileResult = void | { readonly requeueAfterMs: number };

export interface Reconciler {
  /**
   * Moves the object named by `key` one step towards its desired state. Throwing requeues the key
   * with a per-key exponential back-off. The manager waits, after it returns, until every
   * informer has seen the writes it made, so that the next reconcile of any key reads them.
   */
  reconcile(key: string): Promise<ReconcileResult>;
  /** Called when leadership is lost or the server stops. */
  close?(): void;
}

export interface ControllerSpec {
  /** e.g. "replicaset"; the Event source component is `${name}-controller`. */
  readonly name: string;
  /** The kinds whose informers it reads; they are synced before create() is called. */
  readonly kinds: readonly KindInfo[];
  /** Keys reconciled at once (never the same key twice at once). @default options.workers */
  readonly workers?: number;
  /**
   * Wires informer handlers to ctx.queue and returns the reconciler. Every existing object of the
   * controller's own kind should be queued here: a new leader starts from a full look.
   */
  create(ctx: ControllerContext): Reconciler;
}

/** "ns/name", or "name" for a cluster-scoped object. */
export function keyOf(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns === undefined || ns === '' ? String(obj.metadata.name) : `${ns}/${String(obj.metadata.name)}`;
}

/** The namespace ('' for cluster-scoped) and name of a key. */
export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
