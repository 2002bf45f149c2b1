// Events, Namespaces and Nodes.
import { ipProblem, labelValueProblem, qualifiedNameProblem, timeProblem } from './names.js';
import { taintEffect } from './validate-scheduling.js';
import type { Check } from './validate-rules.js';
import { at, bool, fields, int, list, map, oneOf, own, quantity, records, req, str, strList, unique } from './validate-rules.js';

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
