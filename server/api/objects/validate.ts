// The validator the server runs before it writes an object: every problem of the object as field
// causes (`spec.replicas: must be >= 0 (got -1)`), all of them, never just the first. Each kind's
// rules are one row of KIND_RULES; the rules themselves live in validate-<area>.ts.
import type { FieldCause, KindInfo, KubeObject } from '../../../client/index.js';
import { CRONJOB_NAME_MAX, cronJobSpec, jobSpec } from './validate-jobs.js';
import { configMapFields, configMapUpdate, secretFields, secretUpdate } from './validate-config.js';
import { hpaSpec } from './validate-hpa.js';
import { statusRule, validateMeta } from './validate-meta.js';
import { eventFields, namespaceSpec, nodeSpec, nodeStatus, priorityClassFields, priorityClassUpdate } from './validate-misc.js';
import { podSpec } from './validate-pod.js';
import type { FieldRule, Rec, Rule } from './validate-rules.js';
import { Causes, isRec, own, present, recOf, req } from './validate-rules.js';
import { endpointsFields, serviceSpec, serviceUpdate } from './validate-service.js';
import {
  daemonSetSpec,
  deploymentSpec,
  immutableSpecFields,
  replicaSetSpec,
  statefulSetSpec,
  statefulSetUpdate,
} from './validate-workloads.js';

export interface ValidationContext {
  /** 'create' | 'update' */
  op: 'create' | 'update';
  /** The stored object on update. */
  old?: KubeObject;
}

interface KindRules {
  /** The rule for `spec` (req(...) when the kind needs one). */
  readonly spec?: FieldRule;
  /** A rule for the whole object, for kinds whose fields sit at the top (ConfigMap, Event...). */
  readonly top?: Rule;
  /** A rule for `status` beyond the checks every kind shares. */
  readonly status?: Rule;
  /** What an update may not change: compares the new object with the stored one. */
  readonly update?: (c: Causes, obj: Rec, old: Rec) => void;
}

const selectorImmutable = immutableSpecFields('selector');

const KIND_RULES = new Map<string, KindRules>([
  ['Namespace', { spec: namespaceSpec }],
  ['Node', { spec: nodeSpec, status: nodeStatus }],
  ['Pod', { spec: req(podSpec) }],
  ['Deployment', { spec: req(deploymentSpec), update: selectorImmutable }],
  ['ReplicaSet', { spec: req(replicaSetSpec), update: selectorImmutable }],
  ['StatefulSet', { spec: req(statefulSetSpec), update: statefulSetUpdate }],
  ['DaemonSet', { spec: req(daemonSetSpec), update: selectorImmutable }],
  ['Job', { spec: req(jobSpec), update: immutableSpecFields('selector', 'template', 'completionMode') }],
  ['CronJob', { spec: req(cronJobSpec) }],
  ['Service', { spec: req(serviceSpec), update: serviceUpdate }],
  ['Endpoints', { top: endpointsFields }],
  ['ConfigMap', { top: configMapFields, update: configMapUpdate }],
  ['Secret', { top: secretFields, update: secretUpdate }],
  ['Event', { top: eventFields }],
  ['HorizontalPodAutoscaler', { spec: req(hpaSpec) }],
  ['PriorityClass', { top: priorityClassFields, update: priorityClassUpdate }],
]);

/** apiVersion and kind, when given, are the kind's. */
function checkType(c: Causes, kind: KindInfo, obj: Rec): void {
  const apiVersion = own(obj, 'apiVersion');
  if (present(apiVersion) && apiVersion !== kind.apiVersion) c.bad('apiVersion', `must be ${kind.apiVersion} for ${kind.kind}`, apiVersion);
  const k = own(obj, 'kind');
  if (present(k) && k !== kind.kind) c.bad('kind', `must be ${kind.kind}`, k);
}

function checkSpec(c: Causes, rules: KindRules, obj: Rec): void {
  const spec = own(obj, 'spec');
  const rule = rules.spec;
  if (rule === undefined) return;
  if (present(spec)) (typeof rule === 'function' ? rule : rule.required)(c, spec, 'spec');
  else if (typeof rule !== 'function') c.required('spec');
}

function checkStatus(c: Causes, kind: KindInfo, rules: KindRules, obj: Rec): void {
  const status = own(obj, 'status');
  if (!present(status)) return;
  statusRule(kind)(c, status, 'status');
  if (isRec(status)) rules.status?.(c, status, 'status');
}

/** CronJob names leave room for the suffix its Jobs get, within a label value's 63 characters. */
function checkCronJobName(c: Causes, obj: Rec): void {
  const name = own(recOf(obj, 'metadata') ?? {}, 'name');
  if (typeof name === 'string' && name.length > CRONJOB_NAME_MAX) c.bad('metadata.name', `must be no more than ${CRONJOB_NAME_MAX} characters`, name);
}

/** Every problem of `obj` as field causes (empty: valid). Never throws. */
export function validateObject(kind: KindInfo, obj: KubeObject, ctx: ValidationContext): FieldCause[] {
  const c = new Causes();
  const o: unknown = obj;
  if (!isRec(o)) {
    c.bad('object', 'must be an object', o);
    return c.list;
  }
  const rules = KIND_RULES.get(kind.kind) ?? {};
  checkType(c, kind, o);
  validateMeta(c, kind, own(o, 'metadata'), ctx.op === 'update' ? 'update' : 'create');
  if (kind.kind === 'CronJob') checkCronJobName(c, o);
  checkSpec(c, rules, o);
  rules.top?.(c, o, '');
  checkStatus(c, kind, rules, o);
  const old: unknown = ctx.old;
  if (ctx.op === 'update' && isRec(old)) rules.update?.(c, o, old);
  return c.list;
}
