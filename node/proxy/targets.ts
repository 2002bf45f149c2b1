// Which NodePorts this agent listens on, from the Services it knows: every TCP port with a
// nodePort of a NodePort (or LoadBalancer) Service. Pure. Two Services should never share a
// nodePort (the control plane allocates them); if stale data says they do, the first in
// (namespace, service) order keeps it, so every agent picks the same one.
import type { EndpointSet } from '../../client/index.js';

/** What one NodePort forwards to: a port (by name) of a Service. */
export interface NodePortTarget {
  readonly nodePort: number;
  readonly namespace: string;
  readonly service: string;
  readonly portName: string;
}

const NODE_PORT_TYPES = new Set(['NodePort', 'LoadBalancer']);

const byName = (a: EndpointSet, b: EndpointSet): number =>
  a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.service < b.service ? -1 : a.service > b.service ? 1 : 0;

export function sameTarget(a: NodePortTarget, b: NodePortTarget): boolean {
  return a.nodePort === b.nodePort && a.namespace === b.namespace && a.service === b.service && a.portName === b.portName;
}

const claimsNodePorts = (set: EndpointSet): boolean => set.deleted !== true && NODE_PORT_TYPES.has(set.type);

/**
 * What of `set` matters to the listeners ("" for none): its TCP nodePorts and their port names.
 * A change that leaves this alone (endpoints coming and going) needs no listener work.
 */
export function nodePortFingerprint(set: EndpointSet): string {
  if (!claimsNodePorts(set)) return '';
  return set.ports
    .filter((p) => p.nodePort !== undefined && p.protocol === 'TCP')
    .map((p) => `${p.nodePort}/${p.name}`)
    .sort()
    .join(',');
}

/** The NodePort listeners `sets` call for, by nodePort, and the ports claimed twice. */
export function nodePortTargets(sets: Iterable<EndpointSet>): { targets: Map<number, NodePortTarget>; conflicts: NodePortTarget[] } {
  const targets = new Map<number, NodePortTarget>();
  const conflicts: NodePortTarget[] = [];
  for (const set of [...sets].sort(byName)) {
    if (!claimsNodePorts(set)) continue;
    for (const p of set.ports) {
      if (p.nodePort === undefined || p.protocol !== 'TCP') continue;
      const target = { nodePort: p.nodePort, namespace: set.namespace, service: set.service, portName: p.name };
      if (targets.has(p.nodePort)) conflicts.push(target);
      else targets.set(p.nodePort, target);
    }
  }
  return { targets, conflicts };
}
