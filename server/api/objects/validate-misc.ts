// Events, Namespaces, Nodes and PriorityClasses.
import { ipProblem, labelValueProblem, qualifiedNameProblem, timeProblem } from './names.js';
import { taintEffect } from './validate-scheduling.js';
import type { Causes, Check, Rec, Rule } from './validate-rules.js';
import { at, bool, fields, int, isInt, list, map, oneOf, own, quantity, records, req, str, strList, unique } from './validate-rules.js';

export const eventFields = fields({
  involvedObject: req(
    fields({
      kind: req(str()),
      name: req(str()),
      namespace: str(),
      uid: str(),
      apiVersion: str(),
      resourceVersion: str(),
      fieldPath: str(),
    }),
  ),
  reason: str(),
  message: str(),
  type: oneOf('Normal', 'Warning'),
  count: int(0),
  source: fields({ component: str(), host: str() }),
  firstTimestamp: str(timeProblem),
  lastTimestamp: str(timeProblem),
  reportingComponent: str(),
  reportingInstance: str(),
  action: str(),
});

export const namespaceSpec = fields({ finalizers: strList(qualifiedNameProblem) });

const taint = fields({
  key: req(str(qualifiedNameProblem)),
  value: str(labelValueProblem),
  effect: req(taintEffect),
  timeAdded: str(timeProblem),
});

function taintKey(t: Record<string, unknown>): string | undefined {
  const key = own(t, 'key');
  const effect = own(t, 'effect');
  return typeof key === 'string' && typeof effect === 'string' ? `${key}:${effect}` : undefined;
}

export const nodeSpec = fields(
  {
    taints: list(taint),
    unschedulable: bool,
    podCIDR: str(),
    podCIDRs: strList(),
    providerID: str(),
  },
  unique('taints', 'effect', taintKey, 'must be unique for the same key'),
);

const resourceList = map(quantity({ min: 0 }), qualifiedNameProblem);

/** A Node's address of type InternalIP or ExternalIP is an IP. */
const addressIps: Check = (c, status, path) => {
  for (const [a, i] of records(own(status, 'addresses'))) {
    const type = own(a, 'type');
    const address = own(a, 'address');
    if ((type === 'InternalIP' || type === 'ExternalIP') && typeof address === 'string' && ipProblem(address) !== undefined) {
      c.bad(`${at(path, 'addresses')}[${i}].address`, 'must be a valid IPv4 or IPv6 address', address);
    }
  }
};

export const nodeStatus = fields(
  {
    capacity: resourceList,
    allocatable: resourceList,
    addresses: list(
      fields({
        type: req(oneOf('Hostname', 'InternalIP', 'ExternalIP', 'InternalDNS', 'ExternalDNS')),
        address: req(str()),
      }),
    ),
  },
  addressIps,
);

/**
 * The highest value a user's PriorityClass may have: Kubernetes keeps the values above it for
 * system-cluster-critical and system-node-critical.
 */
export const HIGHEST_USER_PRIORITY = 1_000_000_000;
/** The lowest int32, the lowest priority there is. */
const LOWEST_PRIORITY = -2_147_483_648;

const priorityValue: Rule = (c, v, p) => {
  if (!isInt(v)) return c.bad(p, 'must be an integer', v);
  if (v > HIGHEST_USER_PRIORITY) return c.bad(p, `must be <= ${HIGHEST_USER_PRIORITY} (higher values are reserved for system priority classes)`, v);
  if (v < LOWEST_PRIORITY) c.bad(p, `must be >= ${LOWEST_PRIORITY}`, v);
};

/**
 * A PriorityClass's fields, which sit at the top of the object. That at most one class is the
 * global default is a check across objects, which a single object's validation cannot make.
 */
export const priorityClassFields = fields({
  value: req(priorityValue),
  globalDefault: bool,
  description: str(),
  preemptionPolicy: oneOf('Never', 'PreemptLowerPriority'),
});

/** value and preemptionPolicy are fixed once the class exists (pods already carry them). */
export function priorityClassUpdate(c: Causes, obj: Rec, old: Rec): void {
  for (const key of ['value', 'preemptionPolicy']) {
    const now = own(obj, key);
    const before = own(old, key);
    if (now !== before) c.say(key, `field is immutable (is ${JSON.stringify(before ?? null)}, got ${JSON.stringify(now ?? null)})`);
  }
}
