// HorizontalPodAutoscaler (autoscaling/v2): the scale target, replica bounds, metrics and
// scaling behavior.
import { dns1123LabelProblem, dns1123SubdomainProblem, qualifiedNameProblem } from './names.js';
import { labelSelector } from './validate-meta.js';
import type { Check, Rule } from './validate-rules.js';
import { at, fields, int, isInt, list, oneOf, own, present, quantity, req, str } from './validate-rules.js';

/** The kinds an HPA can scale in berth. */
export const SCALABLE_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet'];

/** Which member of a target each target type needs. */
const TARGET_MEMBER = new Map([
  ['Utilization', 'averageUtilization'],
  ['AverageValue', 'averageValue'],
  ['Value', 'value'],
]);

function target(types: readonly string[], metric: string): Rule {
  const member: Check = (c, rec, path) => {
    const type = own(rec, 'type');
    const needed = typeof type === 'string' ? TARGET_MEMBER.get(type) : undefined;
    if (needed !== undefined && !present(own(rec, needed))) c.say(at(path, needed), `required when type is ${String(type)}`);
    if (typeof type === 'string' && TARGET_MEMBER.has(type) && !types.includes(type)) {
      c.bad(at(path, 'type'), `must be ${types.join(' or ')} for ${metric} metrics`, type);
    }
  };
  return fields(
    {
      type: req(oneOf('Utilization', 'AverageValue', 'Value')),
      averageUtilization: int(1),
      averageValue: quantity({ above: 0 }),
      value: quantity({ above: 0 }),
    },
    member,
  );
}

const metricIdentifier = fields({ name: req(str()), selector: labelSelector });

/** The member each metric type carries. */
const METRIC_MEMBER = new Map([
  ['Resource', 'resource'],
  ['ContainerResource', 'containerResource'],
  ['Pods', 'pods'],
  ['Object', 'object'],
  ['External', 'external'],
]);

const metricMember: Check = (c, rec, path) => {
  const type = own(rec, 'type');
  const needed = typeof type === 'string' ? METRIC_MEMBER.get(type) : undefined;
  if (needed === undefined) return;
  if (!present(own(rec, needed))) c.say(at(path, needed), `required when type is ${String(type)}`);
  for (const other of METRIC_MEMBER.values()) {
    if (other !== needed && present(own(rec, other))) c.bad(at(path, other), `may not be set when type is ${String(type)}`, own(rec, other));
  }
};

const metric = fields(
  {
    type: req(oneOf(...METRIC_MEMBER.keys())),
    resource: fields({ name: req(str(qualifiedNameProblem)), target: req(target(['Utilization', 'AverageValue'], 'Resource')) }),
    containerResource: fields({
      name: req(str(qualifiedNameProblem)),
      container: req(str(dns1123LabelProblem)),
      target: req(target(['Utilization', 'AverageValue'], 'ContainerResource')),
    }),
    pods: fields({ metric: req(metricIdentifier), target: req(target(['AverageValue'], 'Pods')) }),
    object: fields({
      describedObject: req(fields({ kind: req(str()), name: req(str()), apiVersion: str() })),
      metric: req(metricIdentifier),
      target: req(target(['Value', 'AverageValue'], 'Object')),
    }),
    external: fields({ metric: req(metricIdentifier), target: req(target(['Value', 'AverageValue'], 'External')) }),
  },
  metricMember,
);

/** Longest window a scaling policy or stabilization may look back, in seconds. */
export const MAX_POLICY_PERIOD_SECONDS = 1800;
export const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

const scalingRules = fields({
  stabilizationWindowSeconds: int(0, MAX_STABILIZATION_WINDOW_SECONDS),
  selectPolicy: oneOf('Max', 'Min', 'Disabled'),
  policies: list(
    fields({
      type: req(oneOf('Pods', 'Percent')),
      value: req(int(1)),
      periodSeconds: req(int(1, MAX_POLICY_PERIOD_SECONDS)),
    }),
  ),
  tolerance: quantity({ min: 0 }),
});

const maxAtLeastMin: Check = (c, spec, path) => {
  const minRaw = own(spec, 'minReplicas');
  const min = isInt(minRaw) ? minRaw : 1;
  const max = own(spec, 'maxReplicas');
  if (isInt(max) && max >= 1 && max < min) c.bad(at(path, 'maxReplicas'), `must be >= minReplicas (${min})`, max);
};

export const hpaSpec = fields(
  {
    scaleTargetRef: req(
      fields({ kind: req(oneOf(...SCALABLE_KINDS)), name: req(str(dns1123SubdomainProblem)), apiVersion: str() }),
    ),
    minReplicas: int(1),
    maxReplicas: req(int(1)),
    metrics: list(metric),
    behavior: fields({ scaleUp: scalingRules, scaleDown: scalingRules }),
  },
  maxAtLeastMin,
);
