// The member table: every membership change, when applied, also writes the member's address
// under a reserved key of the store. Snapshots then carry the addresses, so a replica that
// restarts, or that was built from a snapshot, knows how to reach every other member.
import type { ConfChange, ConfState, NodeId } from './core/index.js';
import type { Command } from '../store/index.js';

/** Commands as callers give them: the driver stamps the request id. */
export type Proposal = Command extends infer C ? (C extends { requestId: unknown } ? Omit<C, 'requestId'> : never) : never;

export const MEMBERS_PREFIX = '/_berth/members/';

export interface Member {
  readonly id: NodeId;
  readonly address: string;
  readonly role: 'voter' | 'learner';
}

export function memberCommand(cc: ConfChange, address: string, conf: ConfState): Proposal & { requestId: { origin: string; seq: number } } {
  const key = MEMBERS_PREFIX + cc.node;
  const requestId = { origin: '', seq: 0 };
  if (cc.type === 'remove') return { type: 'delete', key, requestId };
  const member: Member = { id: cc.node, address, role: conf.voters.includes(cc.node) ? 'voter' : 'learner' };
  return { type: 'put', key, value: new TextEncoder().encode(JSON.stringify(member)), requestId };
}
