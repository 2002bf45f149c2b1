// metadata: names by kind, labels, annotations, owner references and finalizers; the metadata of
// pod and job templates; LabelSelector objects as a rule; and the cheap status checks every kind
// shares (counts, conditions, phases).
import { Buffer } from 'node:buffer';
import type { KindInfo } from '../../../client/index.js';
import {
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  qualifiedNameDetail,
  qualifiedNameProblem,
  timeProblem,
} from './names.js';
import { labelMapRule, labelSelectorFromObject } from './selectors.js';
import type { Causes, Rec, Rule } from './validate-rules.js';
import { at, bool, fields, int, isRec, list, map, oneOf, own, present, records, req, str, strList, uniqueStrings } from './validate-rules.js';

/** Most bytes all annotations of an object may hold (keys and values). */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** Kinds whose names are DNS-1123 labels (they become DNS names); the rest use subdomains. */
const LABEL_NAMED_KINDS = new Set(['Namespace', 'Service']);

export function nameProblemFor(kind: KindInfo): (s: string) => string | undefined {
  return LABEL_NAMED_KINDS.has(kind.kind) ? dns1123LabelProblem : dns1123SubdomainProblem;
}

export const labelMap = labelMapRule;

function annotationKeyProblem(k: string): string | undefined {
  // Kubernetes checks annotation keys in lower case.
  const detail = qualifiedNameDetail(k.toLowerCase());
  return detail === undefined ? undefined : `must be a qualified name: ${detail}`;
}

export const annotations: Rule = (c, v, p) => {
  map(str(), annotationKeyProblem)(c, v, p);
  if (!isRec(v)) return;
  let bytes = 0;
  for (const [k, val] of Object.entries(v)) bytes += Buffer.byteLength(k) + (typeof val === 'string' ? Buffer.byteLength(val) : 0);
  if (bytes > MAX_ANNOTATIONS_BYTES) c.bad(p, `total size must be <= ${MAX_ANNOTATIONS_BYTES} bytes`, bytes);
};

/** A LabelSelector object ({matchLabels, matchExpressions}). */
export const labelSelector: Rule = (c, v, p) => c.add(labelSelectorFromObject(v, p).causes);

const ownerReference = fields({
  apiVersion: req(str()),
  kind: req(str()),
  name: req(str()),
  uid: req(str()),
  controller: bool,
  blockOwnerDeletion: bool,
});

function oneController(c: Causes, meta: Rec): void {
  const controllers = records(own(meta, 'ownerReferences')).filter(([r]) => own(r, 'controller') === true);
  if (controllers.length > 1) {
    c.bad(
      'metadata.ownerReferences',
      'only one reference may have controller set to true',
      controllers.map(([r]) => own(r, 'name')),
    );
  }
}

const metaFields = {
  uid: str(),
  resourceVersion: str(),
  generation: int(0),
  creationTimestamp: str(timeProblem),
  deletionTimestamp: str(timeProblem),
  deletionGracePeriodSeconds: int(0),
  labels: labelMap,
  annotations,
  ownerReferences: list(ownerReference),
  finalizers: strList(qualifiedNameProblem),
};

const metaRule = fields(metaFields, oneController, uniqueStrings('finalizers'));

function checkName(c: Causes, kind: KindInfo, meta: Rec, op: 'create' | 'update'): void {
  const problem = nameProblemFor(kind);
  const name = own(meta, 'name');
  const generateName = own(meta, 'generateName');
  if (!present(name)) {
    if (op !== 'create' || !present(generateName)) c.required('metadata.name');
  } else str(problem)(c, name, 'metadata.name');
  if (present(generateName)) {
    // The server appends random characters: the prefix is valid if it is valid once they are.
    const prefixProblem = (s: string): string | undefined => problem(s.replace(/-$/, 'a'))?.replace(/(label|subdomain)$/, '$1 prefix');
    str(prefixProblem)(c, generateName, 'metadata.generateName');
  }
}

function checkNamespace(c: Causes, kind: KindInfo, meta: Rec): void {
  const ns = own(meta, 'namespace');
  if (!present(ns)) return;
  if (kind.namespaced) str(dns1123LabelProblem)(c, ns, 'metadata.namespace');
  else c.bad('metadata.namespace', `must not be set for cluster-scoped kind ${kind.kind}`, ns);
}

/** metadata of a whole object. */
export function validateMeta(c: Causes, kind: KindInfo, meta: unknown, op: 'create' | 'update'): void {
  if (!present(meta)) return c.required('metadata');
  metaRule(c, meta, 'metadata');
  if (!isRec(meta)) return;
  checkName(c, kind, meta, op);
  checkNamespace(c, kind, meta);
}

/** metadata of a pod or job template: labels and annotations matter, names are not used. */
export const templateMeta = fields({ labels: labelMap, annotations, finalizers: strList(qualifiedNameProblem) });

// ---- status ----

/** Status fields that are counts (never negative) in some kind. */
const STATUS_COUNTS = new Set([
  'observedGeneration',
  'replicas',
  'readyReplicas',
  'availableReplicas',
  'updatedReplicas',
  'unavailableReplicas',
  'currentReplicas',
  'fullyLabeledReplicas',
  'collisionCount',
  'currentNumberScheduled',
  'numberMisscheduled',
  'desiredNumberScheduled',
  'numberReady',
  'numberAvailable',
  'numberUnavailable',
  'updatedNumberScheduled',
  'active',
  'succeeded',
  'failed',
  'ready',
  'terminating',
  'desiredReplicas',
]);

const PHASES = new Map<string, string[]>([
  ['Pod', ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']],
  ['Namespace', ['Active', 'Terminating']],
]);

const condition = fields({
  type: req(str()),
  status: req(oneOf('True', 'False', 'Unknown')),
  reason: str(),
  message: str(),
  lastTransitionTime: str(timeProblem),
  lastUpdateTime: str(timeProblem),
  lastProbeTime: str(timeProblem),
  lastHeartbeatTime: str(timeProblem),
});

const containerStatus = fields({ name: req(str()), ready: bool, started: bool, restartCount: int(0), image: str(), imageID: str() });

/** The status checks every kind shares, plus Pod's container statuses. */
export function statusRule(kind: KindInfo): Rule {
  const phases = PHASES.get(kind.kind);
  return (c, v, p) => {
    if (!isRec(v)) return c.bad(p, 'must be an object', v);
    for (const [k, val] of Object.entries(v)) {
      if (!present(val)) continue;
      const fp = at(p, k);
      // A CronJob's status.active lists its running Jobs (object references), unlike a Job's count.
      if (STATUS_COUNTS.has(k) && !(kind.kind === 'CronJob' && k === 'active')) int(0)(c, val, fp);
      else if (k === 'conditions') list(condition)(c, val, fp);
      else if (k === 'phase' && phases !== undefined) oneOf(...phases)(c, val, fp);
      else if (kind.kind === 'Pod' && (k === 'containerStatuses' || k === 'initContainerStatuses')) list(containerStatus)(c, val, fp);
      else if (k === 'startTime' || k === 'completionTime' || k === 'lastScheduleTime' || k === 'lastScaleTime') str(timeProblem)(c, val, fp);
    }
  };
}
