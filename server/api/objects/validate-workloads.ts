// Deployment, ReplicaSet, StatefulSet and DaemonSet specs, the selector rules they share with Job,
// and what an update may not change.
import { deepEqual } from './merge.js';
import { dns1123LabelProblem } from './names.js';
import { labelSelectorFromObject } from './selectors.js';
import { annotations, labelMap, labelSelector } from './validate-meta.js';
import { podSpecRule, restartPolicyIn, templateRule } from './validate-pod.js';
import type { Causes, Check, Rec, Rule } from './validate-rules.js';
import {
  at,
  bool,
  fields,
  int,
  isInt,
  isRec,
  list,
  oneOf,
  own,
  present,
  quantity,
  recOf,
  records,
  req,
  str,
  stringMap,
  unique,
} from './validate-rules.js';

/** A selector that a workload needs: present, valid and not empty (empty would select every pod). */
export const workloadSelector: Rule = (c, v, p) => {
  const { matcher, causes } = labelSelectorFromObject(v, p);
  c.add(causes);
  if (causes.length === 0 && matcher.empty) c.bad(p, 'must not be empty', v);
};

/** The template's labels match the selector, or the workload would never see its own pods. */
export const selectorMatchesTemplate: Check = (c, spec, path) => {
  const { matcher, causes } = labelSelectorFromObject(own(spec, 'selector'), 'selector');
  if (causes.length > 0 || matcher.empty || !isRec(own(spec, 'selector'))) return;
  const labels = own(recOf(recOf(spec, 'template'), 'metadata') ?? {}, 'labels');
  if (!matcher.matches(stringMap(labels))) {
    c.bad(at(path, 'template.metadata.labels'), `must match ${at(path, 'selector')} (${matcher.toString()})`, labels ?? {});
  }
};

/** An integer >= 0 or a percentage ("25%"); `maxPercent` bounds the percentage. */
function intOrPercent(maxPercent?: number): Rule {
  return (c, v, p) => {
    if (isInt(v)) return int(0)(c, v, p);
    const m = typeof v === 'string' ? /^(\d+)%$/.exec(v) : null;
    if (m === null) return c.bad(p, 'must be an integer >= 0 or a percentage such as "25%"', v);
    if (maxPercent !== undefined && Number(m[1]) > maxPercent) c.bad(p, `must not be more than ${maxPercent}%`, v);
  };
}

function isZero(v: unknown): boolean {
  return v === 0 || (typeof v === 'string' && /^0+%$/.test(v));
}

/** maxSurge and maxUnavailable may not both be 0: the rollout could never make progress. */
const notBothZero: Check = (c, rec, path) => {
  const surge = own(rec, 'maxSurge');
  const unavailable = own(rec, 'maxUnavailable');
  if (isZero(surge) && isZero(unavailable)) c.bad(at(path, 'maxUnavailable'), 'may not be 0 when maxSurge is 0', unavailable);
};

/** rollingUpdate goes with type RollingUpdate (absent type is RollingUpdate). */
const rollingUpdateOnlyWithType: Check = (c, rec, path) => {
  const type = own(rec, 'type');
  if (typeof type === 'string' && type !== '' && type !== 'RollingUpdate' && present(own(rec, 'rollingUpdate'))) {
    c.bad(at(path, 'rollingUpdate'), `may not be set when type is ${type}`, own(rec, 'rollingUpdate'));
  }
};

const progressAfterMinReady: Check = (c, spec, path) => {
  const deadline = own(spec, 'progressDeadlineSeconds');
  const minReadyRaw = own(spec, 'minReadySeconds');
  const minReady = isInt(minReadyRaw) ? minReadyRaw : 0;
  if (isInt(deadline) && deadline <= minReady) c.bad(at(path, 'progressDeadlineSeconds'), `must be greater than minReadySeconds (${minReady})`, deadline);
};

const deploymentStrategy = fields(
  {
    type: oneOf('RollingUpdate', 'Recreate'),
    rollingUpdate: fields({ maxSurge: intOrPercent(), maxUnavailable: intOrPercent(100) }, notBothZero),
  },
  rollingUpdateOnlyWithType,
);

const template = req(templateRule());
const restartAlways = (kind: string): Check => restartPolicyIn(['Always'], kind);

export const deploymentSpec = fields(
  {
    replicas: int(0),
    selector: req(workloadSelector),
    template,
    strategy: deploymentStrategy,
    minReadySeconds: int(0),
    revisionHistoryLimit: int(0),
    progressDeadlineSeconds: int(1),
    paused: bool,
  },
  selectorMatchesTemplate,
  restartAlways('Deployment'),
  progressAfterMinReady,
);

export const replicaSetSpec = fields(
  { replicas: int(0), selector: req(workloadSelector), template, minReadySeconds: int(0) },
  selectorMatchesTemplate,
  restartAlways('ReplicaSet'),
);

export const daemonSetSpec = fields(
  {
    selector: req(workloadSelector),
    template,
    updateStrategy: fields(
      {
        type: oneOf('RollingUpdate', 'OnDelete'),
        rollingUpdate: fields({ maxUnavailable: intOrPercent(100), maxSurge: intOrPercent(100) }, notBothZero),
      },
      rollingUpdateOnlyWithType,
    ),
    minReadySeconds: int(0),
    revisionHistoryLimit: int(0),
  },
  selectorMatchesTemplate,
  restartAlways('DaemonSet'),
);

const claimTemplate = fields({
  metadata: req(fields({ name: req(str(dns1123LabelProblem)), labels: labelMap, annotations })),
  spec: req(
    fields({
      accessModes: list(oneOf('ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod')),
      resources: req(fields({ requests: req(fields({ storage: req(quantity({ above: 0 })) })) })),
      storageClassName: str(),
      volumeMode: oneOf('Filesystem', 'Block'),
      selector: labelSelector,
    }),
  ),
});

function claimNames(spec: Rec): string[] {
  return records(own(spec, 'volumeClaimTemplates'))
    .map(([t]) => own(recOf(t, 'metadata') ?? {}, 'name'))
    .filter((n): n is string => typeof n === 'string' && n !== '');
}

/** The template may mount the claims the StatefulSet creates for each pod. */
const statefulSetTemplate: Check = (c, spec, path) => {
  const t = own(spec, 'template');
  if (!present(t)) return c.required(at(path, 'template'));
  templateRule(podSpecRule(claimNames(spec)))(c, t, at(path, 'template'));
};

export const statefulSetSpec = fields(
  {
    replicas: int(0),
    selector: req(workloadSelector),
    serviceName: str(dns1123LabelProblem),
    podManagementPolicy: oneOf('OrderedReady', 'Parallel'),
    updateStrategy: fields(
      {
        type: oneOf('RollingUpdate', 'OnDelete'),
        rollingUpdate: fields({ partition: int(0), maxUnavailable: intOrPercent(100) }),
      },
      rollingUpdateOnlyWithType,
    ),
    volumeClaimTemplates: list(claimTemplate),
    revisionHistoryLimit: int(0),
    minReadySeconds: int(0),
    persistentVolumeClaimRetentionPolicy: fields({ whenDeleted: oneOf('Retain', 'Delete'), whenScaled: oneOf('Retain', 'Delete') }),
    ordinals: fields({ start: int(0) }),
  },
  statefulSetTemplate,
  unique('volumeClaimTemplates', 'metadata.name', (t) => own(recOf(t, 'metadata') ?? {}, 'name')),
  selectorMatchesTemplate,
  restartAlways('StatefulSet'),
);

// ---- updates ----

function specOf(obj: Rec): Rec {
  return recOf(obj, 'spec') ?? {};
}

/** spec.<field> of the stored and the new object are the same. */
export function immutableSpecFields(...names: string[]): (c: Causes, obj: Rec, old: Rec) => void {
  return (c, obj, old) => {
    for (const name of names) {
      if (!deepEqual(own(specOf(obj), name), own(specOf(old), name))) c.say(`spec.${name}`, 'field is immutable');
    }
  };
}

/** What an update of a StatefulSet may change; Kubernetes forbids changing anything else. */
const STATEFULSET_MUTABLE = new Set([
  'replicas',
  'template',
  'updateStrategy',
  'minReadySeconds',
  'persistentVolumeClaimRetentionPolicy',
  'ordinals',
  'revisionHistoryLimit',
  // Reported by the selector rule that all workloads share.
  'selector',
]);

export function statefulSetUpdate(c: Causes, obj: Rec, old: Rec): void {
  immutableSpecFields('selector')(c, obj, old);
  const keys = new Set([...Object.keys(specOf(obj)), ...Object.keys(specOf(old))]);
  const fixed = [...keys].filter((k) => !STATEFULSET_MUTABLE.has(k)).sort();
  immutableSpecFields(...fixed)(c, obj, old);
}
