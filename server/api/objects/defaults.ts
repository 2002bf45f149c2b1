// Kubernetes' defaults, filled in place before an object is validated and stored. Only absent
// fields (undefined, null or "") are filled, so running it twice changes nothing; fields of the
// wrong type are left for validation to report.
import { Buffer } from 'node:buffer';
import type { KindInfo, KubeObject } from '../../../client/index.js';
import { isLabelValue } from './names.js';
import type { Rec } from './validate-rules.js';
import { isRec, own, present, records } from './validate-rules.js';

type Scalar = string | number | boolean;

/** Sets each of `values` that `rec` lacks. */
function fill(rec: Rec | undefined, values: Readonly<Record<string, Scalar>>): void {
  if (rec === undefined) return;
  for (const [key, value] of Object.entries(values)) if (!present(own(rec, key))) rec[key] = value;
}

/** rec[key] as a record, created when absent; undefined when it holds something else. */
function ensureRec(rec: Rec | undefined, key: string): Rec | undefined {
  if (rec === undefined) return undefined;
  const v = own(rec, key);
  if (isRec(v)) return v;
  if (present(v)) return undefined;
  const created: Rec = {};
  rec[key] = created;
  return created;
}

function recAt(rec: Rec | undefined, ...path: string[]): Rec | undefined {
  let v: unknown = rec;
  for (const key of path) v = isRec(v) ? own(v, key) : undefined;
  return isRec(v) ? v : undefined;
}

// ---- Pods ----

/** Always for an image without a tag or tagged :latest, else IfNotPresent (a digest pins it). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const [name = '', digest] = image.split('@');
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  const tag = colon >= 0 ? last.slice(colon + 1) : '';
  if (tag === '') return digest === undefined ? 'Always' : 'IfNotPresent';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: unknown): void {
  if (!isRec(probe)) return;
  fill(probe, { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  fill(recAt(probe, 'httpGet'), { scheme: 'HTTP', path: '/' });
}

/** A Pod's requests default to its limits (the scheduler places pods by their requests). */
function defaultRequests(ctr: Rec): void {
  const resources = recAt(ctr, 'resources');
  const limits = recAt(resources, 'limits');
  if (limits === undefined) return;
  const requests = ensureRec(resources, 'requests');
  if (requests === undefined) return;
  for (const [name, limit] of Object.entries(limits)) {
    if (!Object.hasOwn(requests, name)) Object.defineProperty(requests, name, { value: limit, enumerable: true, writable: true, configurable: true });
  }
}

function defaultContainer(ctr: Rec, isPod: boolean): void {
  const image = own(ctr, 'image');
  if (typeof image === 'string' && image !== '') fill(ctr, { imagePullPolicy: defaultPullPolicy(image) });
  fill(ctr, { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
  for (const [port] of records(own(ctr, 'ports'))) fill(port, { protocol: 'TCP' });
  for (const name of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(own(ctr, name));
  for (const [env] of records(own(ctr, 'env'))) fill(recAt(env, 'valueFrom', 'fieldRef'), { apiVersion: 'v1' });
  if (isPod) defaultRequests(ctr);
}

function defaultPodSpec(spec: Rec | undefined, isPod = false): void {
  if (spec === undefined) return;
  fill(spec, { restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' });
  for (const list of ['containers', 'initContainers']) {
    for (const [ctr] of records(own(spec, list))) defaultContainer(ctr, isPod);
  }
  for (const [volume] of records(own(spec, 'volumes'))) {
    fill(recAt(volume, 'configMap'), { defaultMode: 0o644 });
    fill(recAt(volume, 'secret'), { defaultMode: 0o644 });
  }
}

/** The pod spec of a workload's template. */
function templateSpec(spec: Rec | undefined): Rec | undefined {
  return recAt(spec, 'template', 'spec');
}

// ---- Workloads ----

function defaultDeployment(spec: Rec): void {
  fill(spec, { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, minReadySeconds: 0 });
  const strategy = ensureRec(spec, 'strategy');
  fill(strategy, { type: 'RollingUpdate' });
  if (strategy !== undefined && own(strategy, 'type') === 'RollingUpdate') {
    fill(ensureRec(strategy, 'rollingUpdate'), { maxSurge: '25%', maxUnavailable: '25%' });
  }
  defaultPodSpec(templateSpec(spec));
}

function defaultReplicaSet(spec: Rec): void {
  fill(spec, { replicas: 1 });
  defaultPodSpec(templateSpec(spec));
}

function defaultStatefulSet(spec: Rec): void {
  fill(spec, { replicas: 1, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10 });
  const strategy = ensureRec(spec, 'updateStrategy');
  fill(strategy, { type: 'RollingUpdate' });
  if (strategy !== undefined && own(strategy, 'type') === 'RollingUpdate') fill(ensureRec(strategy, 'rollingUpdate'), { partition: 0 });
  defaultPodSpec(templateSpec(spec));
}

function defaultDaemonSet(spec: Rec): void {
  fill(spec, { revisionHistoryLimit: 10 });
  const strategy = ensureRec(spec, 'updateStrategy');
  fill(strategy, { type: 'RollingUpdate' });
  if (strategy !== undefined && own(strategy, 'type') === 'RollingUpdate') {
    fill(ensureRec(strategy, 'rollingUpdate'), { maxUnavailable: 1, maxSurge: 0 });
  }
  defaultPodSpec(templateSpec(spec));
}

export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

/** Without a selector of its own, a Job selects its pods by its uid, which its template labels carry. */
function defaultJobSelector(spec: Rec, obj: Rec, uid: string): void {
  if (present(own(spec, 'selector')) || own(spec, 'manualSelector') === true || uid === '') return;
  const template = recAt(spec, 'template');
  const labels = ensureRec(ensureRec(template, 'metadata'), 'labels');
  if (template === undefined || labels === undefined) return;
  spec.selector = { matchLabels: { [JOB_CONTROLLER_UID_LABEL]: uid } };
  const name = own(recAt(obj, 'metadata') ?? {}, 'name');
  fill(labels, { [JOB_CONTROLLER_UID_LABEL]: uid });
  if (typeof name === 'string' && name !== '' && isLabelValue(name)) fill(labels, { [JOB_NAME_LABEL]: name });
}

function defaultJob(spec: Rec, obj: Rec, uid: string): void {
  // Kubernetes: with neither set, one pod runs once; with parallelism alone, a work queue.
  if (!present(own(spec, 'completions')) && !present(own(spec, 'parallelism'))) fill(spec, { completions: 1 });
  fill(spec, { parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false });
  defaultJobSelector(spec, obj, uid);
  defaultPodSpec(templateSpec(spec));
}

function defaultCronJob(spec: Rec): void {
  fill(spec, { concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
  defaultPodSpec(templateSpec(recAt(spec, 'jobTemplate', 'spec')));
}

// ---- Services and the rest ----

function defaultService(spec: Rec): void {
  fill(spec, { type: 'ClusterIP', sessionAffinity: 'None' });
  for (const [port] of records(own(spec, 'ports'))) {
    fill(port, { protocol: 'TCP' });
    const number = own(port, 'port');
    if (typeof number === 'number') fill(port, { targetPort: number });
  }
}

function defaultHpa(spec: Rec): void {
  fill(spec, { minReplicas: 1 });
  const metrics = own(spec, 'metrics');
  if (!present(metrics) || (Array.isArray(metrics) && metrics.length === 0)) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
}

/** stringData is a write-only convenience: it is merged into data (base64) and dropped. */
function defaultSecret(obj: Rec): void {
  fill(obj, { type: 'Opaque' });
  const stringData = own(obj, 'stringData');
  if (!isRec(stringData) || !Object.values(stringData).every((v) => typeof v === 'string')) return;
  const data = ensureRec(obj, 'data');
  if (data === undefined) return;
  for (const [key, value] of Object.entries(stringData)) {
    const encoded = Buffer.from(value as string, 'utf8').toString('base64');
    Object.defineProperty(data, key, { value: encoded, enumerable: true, writable: true, configurable: true });
  }
  delete obj.stringData;
}

function defaultNamespace(obj: Rec): void {
  const spec = ensureRec(obj, 'spec');
  if (spec !== undefined && !present(own(spec, 'finalizers'))) spec.finalizers = ['kubernetes'];
  fill(ensureRec(obj, 'status'), { phase: 'Active' });
}

type Defaulter = (spec: Rec, obj: Rec, uid: string) => void;

const SPEC_DEFAULTS = new Map<string, Defaulter>([
  ['Pod', (spec) => defaultPodSpec(spec, true)],
  ['Deployment', defaultDeployment],
  ['ReplicaSet', defaultReplicaSet],
  ['StatefulSet', defaultStatefulSet],
  ['DaemonSet', defaultDaemonSet],
  ['Job', defaultJob],
  ['CronJob', defaultCronJob],
  ['Service', defaultService],
  ['HorizontalPodAutoscaler', defaultHpa],
]);

const TOP_DEFAULTS = new Map<string, (obj: Rec) => void>([
  ['Secret', defaultSecret],
  ['Namespace', defaultNamespace],
  // A new pod is Pending until its node's agent reports otherwise (as kube-apiserver sets it).
  ['Pod', (obj) => fill(ensureRec(obj, 'status'), { phase: 'Pending' })],
  ['Event', (obj) => fill(obj, { count: 1, type: 'Normal' })],
  ['PriorityClass', (obj) => fill(obj, { preemptionPolicy: 'PreemptLowerPriority' })],
]);

/** Fills Kubernetes' defaults in place (idempotent). `uid` is the object's uid (a Job's default selector uses it). */
export function defaultObject(kind: KindInfo, obj: KubeObject, ctx: { uid: string }): void {
  const o: unknown = obj;
  if (!isRec(o)) return;
  const spec = own(o, 'spec');
  const uid = typeof ctx.uid === 'string' ? ctx.uid : '';
  if (isRec(spec)) SPEC_DEFAULTS.get(kind.kind)?.(spec, o, uid);
  TOP_DEFAULTS.get(kind.kind)?.(o);
}
