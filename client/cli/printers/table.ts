// One table per kind: the kind's printer, a NAMESPACE column first with -A, the wide columns
// with -o wide, and names as `deployment.apps/web` when several kinds share the output.
import type { KubeObject } from '../../index.js';
import { findKind } from '../../index.js';
import { age } from './age.js';
import { configMapPrinter, eventPrinter, hpaPrinter, namespacePrinter, nodePrinter, priorityClassPrinter, secretPrinter } from './cluster.js';
import { objectRef } from './names.js';
import { podPrinter } from './pods.js';
import type { KindPrinter, RowContext } from './printer.js';
import { nameOf } from './printer.js';
import { endpointsPrinter, servicePrinter } from './services.js';
import { cronJobPrinter, daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, statefulSetPrinter } from './workloads.js';

const PRINTERS: Readonly<Record<string, KindPrinter>> = {
  Pod: podPrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  StatefulSet: statefulSetPrinter,
  DaemonSet: daemonSetPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  Namespace: namespacePrinter,
  Node: nodePrinter,
  Event: eventPrinter,
  HorizontalPodAutoscaler: hpaPrinter,
  PriorityClass: priorityClassPrinter,
};

/** For a kind without a table of its own. */
const GENERIC: KindPrinter = {
  headers: ['NAME', 'AGE'],
  row: (obj, now) => [nameOf(obj), age(obj.metadata?.creationTimestamp, now)],
};

/** The printer of a kind, named by kind, plural or short name. */
export function printerFor(kind: string): KindPrinter {
  return PRINTERS[findKind(kind)?.kind ?? kind] ?? GENERIC;
}

export interface TableOptions extends RowContext {
  /** The time ages are measured to, in ms since the epoch. */
  readonly now: number;
  /** -o wide: more columns. */
  readonly wide?: boolean;
  /** -A: a NAMESPACE column first. */
  readonly withNamespace?: boolean;
  /** Several kinds in one output: NAME shows `kind.group/name`. */
  readonly withKind?: boolean;
}

export interface Table {
  readonly headers: string[];
  readonly rows: string[][];
}

export function tableHeaders(kind: string, opts: TableOptions): string[] {
  const p = printerFor(kind);
  return [...(opts.withNamespace === true ? ['NAMESPACE'] : []), ...p.headers, ...(opts.wide === true ? (p.wideHeaders ?? []) : [])];
}

/** The cells of one object's row; objects need kind and apiVersion when opts.withKind. */
export function tableRow(kind: string, obj: KubeObject, opts: TableOptions): string[] {
  const p = printerFor(kind);
  const cells = p.row(obj, opts.now);
  const nameAt = p.headers.indexOf('NAME');
  if (opts.withKind === true && nameAt >= 0) cells[nameAt] = objectRef(obj);
  if (opts.wide === true && p.wide !== undefined) cells.push(...p.wide(obj, opts.now, opts));
  return opts.withNamespace === true ? [obj.metadata?.namespace ?? '', ...cells] : cells;
}

/** The table of `objects`, all of `kind`. */
export function objectTable(kind: string, objects: readonly KubeObject[], opts: TableOptions): Table {
  return { headers: tableHeaders(kind, opts), rows: objects.map((o) => tableRow(kind, o, opts)) };
}
