// Where a pod may run: tolerations, node and pod affinity, topology spread constraints.
import { dns1123LabelProblem, labelValueProblem, qualifiedNameProblem } from './names.js';
import { labelSelector } from './validate-meta.js';
import type { Check, Rule } from './validate-rules.js';
import { at, fields, int, list, oneOf, own, present, req, str, strList } from './validate-rules.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

const tolerationChecks: Check = (c, rec, path) => {
  const operator = own(rec, 'operator') ?? 'Equal';
  const value = own(rec, 'value');
  if (operator === 'Exists' && present(value)) c.bad(at(path, 'value'), 'must be empty when operator is Exists', value);
  if (!present(own(rec, 'key')) && operator !== 'Exists') c.bad(at(path, 'operator'), 'must be Exists when key is empty', operator);
  const seconds = own(rec, 'tolerationSeconds');
  if (present(seconds) && own(rec, 'effect') !== 'NoExecute') c.bad(at(path, 'tolerationSeconds'), 'may only be set when effect is NoExecute', seconds);
};

export const toleration = fields(
  {
    key: str(qualifiedNameProblem),
    operator: oneOf('Exists', 'Equal'),
    value: str(labelValueProblem),
    effect: oneOf(...EFFECTS),
    tolerationSeconds: int(),
  },
  tolerationChecks,
);

export const taintEffect = oneOf(...EFFECTS);

/** How many values each operator takes. */
const valueCounts: Check = (c, rec, path) => {
  const op = own(rec, 'operator');
  const values = own(rec, 'values');
  const vs: unknown[] = Array.isArray(values) ? values : [];
  const p = at(path, 'values');
  if ((op === 'In' || op === 'NotIn') && vs.length === 0) c.bad(p, `must be non-empty when operator is ${op}`, values ?? []);
  if ((op === 'Exists' || op === 'DoesNotExist') && vs.length > 0) c.bad(p, `must be empty when operator is ${op}`, values);
  if ((op === 'Gt' || op === 'Lt') && (vs.length !== 1 || typeof vs[0] !== 'string' || !/^-?\d+$/.test(vs[0]))) {
    c.bad(p, `must be exactly one integer when operator is ${op}`, values ?? []);
  }
};

const nodeRequirement = fields(
  {
    key: req(str(qualifiedNameProblem)),
    operator: req(oneOf('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt')),
    values: strList(),
  },
  valueCounts,
);

/** matchFields select by node fields, of which Kubernetes offers metadata.name. */
const nodeFieldRequirement = fields(
  { key: req(oneOf('metadata.name')), operator: req(oneOf('In', 'NotIn')), values: strList() },
  (c, rec, path) => {
    const values = own(rec, 'values');
    if (!Array.isArray(values) || values.length !== 1) c.bad(at(path, 'values'), 'must be exactly one node name', values ?? []);
  },
);

const nodeSelectorTerm = fields({ matchExpressions: list(nodeRequirement), matchFields: list(nodeFieldRequirement) });

const WEIGHT = int(1, 100);

const nodeAffinity = fields({
  requiredDuringSchedulingIgnoredDuringExecution: fields({
    nodeSelectorTerms: req(list(nodeSelectorTerm, { nonEmpty: 'must have at least one term' })),
  }),
  preferredDuringSchedulingIgnoredDuringExecution: list(fields({ weight: req(WEIGHT), preference: req(nodeSelectorTerm) })),
});

const podAffinityTerm = fields({
  labelSelector,
  namespaceSelector: labelSelector,
  namespaces: strList(dns1123LabelProblem),
  topologyKey: req(str(qualifiedNameProblem)),
  matchLabelKeys: strList(qualifiedNameProblem),
  mismatchLabelKeys: strList(qualifiedNameProblem),
});

const podAffinity = fields({
  requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: list(fields({ weight: req(WEIGHT), podAffinityTerm: req(podAffinityTerm) })),
});

export const affinity = fields({ nodeAffinity, podAffinity, podAntiAffinity: podAffinity });

const minDomainsNeedsDoNotSchedule: Check = (c, rec, path) => {
  const minDomains = own(rec, 'minDomains');
  if (present(minDomains) && own(rec, 'whenUnsatisfiable') !== 'DoNotSchedule') {
    c.bad(at(path, 'minDomains'), 'may only be set when whenUnsatisfiable is DoNotSchedule', minDomains);
  }
};

export const topologySpreadConstraint: Rule = fields(
  {
    maxSkew: req(int(1)),
    topologyKey: req(str(qualifiedNameProblem)),
    whenUnsatisfiable: req(oneOf('DoNotSchedule', 'ScheduleAnyway')),
    labelSelector,
    minDomains: int(1),
    matchLabelKeys: strList(qualifiedNameProblem),
    nodeAffinityPolicy: oneOf('Honor', 'Ignore'),
    nodeTaintsPolicy: oneOf('Honor', 'Ignore'),
  },
  minDomainsNeedsDoNotSchedule,
);

/** A topology key and an action may appear together in one constraint only. */
export function spreadKey(rec: Record<string, unknown>): string | undefined {
  const key = own(rec, 'topologyKey');
  const when = own(rec, 'whenUnsatisfiable');
  return typeof key === 'string' && typeof when === 'string' ? `${key}/${when}` : undefined;
}
