// Tables of the controllers that own pods: deployments, replica sets, stateful sets, daemon
// sets, jobs and cron jobs. Counts come from status; a missing count is 0.
import type { KubeObject } from '../../index.js';
import { age, formatDuration, timeOf } from './age.js';
import { at, conditionStatus, containerCells, formatMap, formatSelector, list, num, str, stringMap } from './fields.js';
import type { KindPrinter } from './printer.js';
import { nameOf } from './printer.js';

function count(obj: KubeObject, ...path: string[]): number {
  return num(at(obj, ...path)) ?? 0;
}

function created(obj: KubeObject, now: number): string {
  return age(obj.metadata?.creationTimestamp, now);
}

/** CONTAINERS, IMAGES and SELECTOR of a workload with a pod template and a selector. */
function templateWide(obj: KubeObject): string[] {
  return [...containerCells(at(obj, 'spec', 'template', 'spec')), formatSelector(at(obj, 'spec', 'selector'))];
}

const TEMPLATE_WIDE = ['CONTAINERS', 'IMAGES', 'SELECTOR'];

export const deploymentPrinter: KindPrinter = {
  headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  row: (d, now) => [
    nameOf(d),
    `${count(d, 'status', 'readyReplicas')}/${count(d, 'spec', 'replicas')}`,
    String(count(d, 'status', 'updatedReplicas')),
    String(count(d, 'status', 'availableReplicas')),
    created(d, now),
  ],
  wideHeaders: TEMPLATE_WIDE,
  wide: templateWide,
};

export const replicaSetPrinter: KindPrinter = {
  headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  row: (rs, now) => [
    nameOf(rs),
    String(count(rs, 'spec', 'replicas')),
    String(count(rs, 'status', 'replicas')),
    String(count(rs, 'status', 'readyReplicas')),
    created(rs, now),
  ],
  wideHeaders: TEMPLATE_WIDE,
  wide: templateWide,
};

export const statefulSetPrinter: KindPrinter = {
  headers: ['NAME', 'READY', 'AGE'],
  row: (s, now) => [nameOf(s), `${count(s, 'status', 'readyReplicas')}/${count(s, 'spec', 'replicas')}`, created(s, now)],
  wideHeaders: ['CONTAINERS', 'IMAGES'],
  wide: (s) => containerCells(at(s, 'spec', 'template', 'spec')),
};

export const daemonSetPrinter: KindPrinter = {
  headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  row: (ds, now) => [
    nameOf(ds),
    ...['desiredNumberScheduled', 'currentNumberScheduled', 'numberReady', 'updatedNumberScheduled', 'numberAvailable'].map((f) => String(count(ds, 'status', f))),
    formatMap(stringMap(at(ds, 'spec', 'template', 'spec', 'nodeSelector'))),
    created(ds, now),
  ],
  wideHeaders: TEMPLATE_WIDE,
  wide: templateWide,
};

/** A job's STATUS: its terminal or suspended condition, else Running. */
export function jobStatus(job: KubeObject): string {
  for (const type of ['Complete', 'Failed', 'Suspended', 'FailureTarget', 'SuccessCriteriaMet']) {
    if (conditionStatus(job, type) === 'True') return type;
  }
  return job.metadata?.deletionTimestamp !== undefined ? 'Terminating' : 'Running';
}

function completionsCell(job: KubeObject): string {
  const succeeded = count(job, 'status', 'succeeded');
  const completions = num(at(job, 'spec', 'completions'));
  if (completions !== undefined) return `${succeeded}/${completions}`;
  const parallelism = num(at(job, 'spec', 'parallelism')) ?? 1;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function durationCell(job: KubeObject, now: number): string {
  const start = timeOf(at(job, 'status', 'startTime'));
  if (start === undefined) return '';
  return formatDuration((timeOf(at(job, 'status', 'completionTime')) ?? now) - start);
}

export const jobPrinter: KindPrinter = {
  headers: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  row: (job, now) => [nameOf(job), jobStatus(job), completionsCell(job), durationCell(job, now), created(job, now)],
  wideHeaders: TEMPLATE_WIDE,
  wide: templateWide,
};

export const cronJobPrinter: KindPrinter = {
  headers: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  row: (cj, now) => {
    const last = at(cj, 'status', 'lastScheduleTime');
    return [
      nameOf(cj),
      str(at(cj, 'spec', 'schedule')) ?? '',
      str(at(cj, 'spec', 'timeZone')) || '<none>',
      at(cj, 'spec', 'suspend') === true ? 'True' : 'False',
      String(list(at(cj, 'status', 'active')).length),
      last === undefined ? '<none>' : age(last, now),
      created(cj, now),
    ];
  },
  wideHeaders: TEMPLATE_WIDE,
  wide: (cj) => [
    ...containerCells(at(cj, 'spec', 'jobTemplate', 'spec', 'template', 'spec')),
    formatSelector(at(cj, 'spec', 'jobTemplate', 'spec', 'selector')),
  ],
};
