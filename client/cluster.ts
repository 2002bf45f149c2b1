// client.cluster: the replicas themselves. Status and the member list are reads; adding,
// removing and leadership transfer are membership changes, which only the leader makes (see
// retry.ts for how a NOT_LEADER reply is followed to the leader). status() asks every member
// for its own view, so that it shows which replicas are up even when there is no leader.
import type { MemberAddResponse__Output } from '../proto/gen/berth/v1/MemberAddResponse.js';
import type { MemberListResponse__Output } from '../proto/gen/berth/v1/MemberListResponse.js';
import type { MemberRemoveResponse__Output } from '../proto/gen/berth/v1/MemberRemoveResponse.js';
import type { StatusResponse__Output } from '../proto/gen/berth/v1/StatusResponse.js';
import type { TransferLeaderResponse__Output } from '../proto/gen/berth/v1/TransferLeaderResponse.js';
import { unaryCall } from './call.js';
import { isServerAddress } from './config.js';
import { fromStatus } from './convert.js';
import type { Endpoint, EndpointPool } from './endpoints.js';
import type { ClusterMemberStatus, ClusterOverview } from './objects/types.js';
import type { CompiledConnectOptions } from './options.js';
import { withRetry } from './retry.js';
import type { ClusterStatus, Member } from './types.js';

function memberRole(member: Member, status: ClusterStatus | undefined): ClusterMemberStatus['role'] {
  if (status === undefined) return 'unknown';
  if (member.role === 'learner') return 'learner';
  if (status.role === 'leader') return 'leader';
  return status.role === 'follower' ? 'follower' : 'candidate';
}

/**
 * The cluster as its members see it: one entry per member, in the member list's order, from its
 * own status (undefined: it did not answer). The leader and term are those of the answer with the
 * highest term, preferring one that knows a leader.
 */
export function clusterOverview(members: readonly Member[], statuses: readonly (ClusterStatus | undefined)[]): ClusterOverview {
  let best: ClusterStatus | undefined;
  for (const s of statuses) {
    if (s === undefined) continue;
    if (best === undefined || s.term > best.term || (s.term === best.term && best.leader === '' && s.leader !== '')) best = s;
  }
  return {
    leader: best?.leader ?? '',
    term: best?.term ?? 0,
    members: members.map((m, i) => {
      const s = statuses[i];
      return { id: m.id, address: m.address, role: memberRole(m, s), healthy: s !== undefined, commitIndex: s?.commit ?? 0, appliedIndex: s?.applied ?? 0 };
    }),
  };
}

export class ClusterClient {
  constructor(
    private readonly pool: EndpointPool,
    private readonly opts: CompiledConnectOptions,
  ) {}

  /**
   * Every member's view: the member list (as the answering replica has it, so that this works
   * without a leader), then each member's own status, asked concurrently with a deadline of
   * memberStatusTimeoutMs. Members the client was not given are reached at their member-table
   * address. A member that does not answer is unhealthy, with role "unknown".
   */
  async status(): Promise<ClusterOverview> {
    const members = await this.members({ serializable: true });
    const statuses = await Promise.all(members.map((m) => this.askMember(m.address)));
    return clusterOverview(members, statuses);
  }

  private async askMember(address: string): Promise<ClusterStatus | undefined> {
    if (!isServerAddress(address)) return undefined;
    try {
      const stub = this.pool.clusterAt(address);
      const res = await unaryCall<StatusResponse__Output>((md, o, cb) => stub.Status({}, md, o, cb), this.opts.memberStatusTimeoutMs);
      return fromStatus(res);
    } catch {
      return undefined;
    }
  }

  /** The detailed status of the replica that answers (the current endpoint, or the next that does). */
  replicaStatus(): Promise<ClusterStatus> {
    return withRetry(this.pool, this.opts, 'read', async (ep) => {
      const res = await unaryCall<StatusResponse__Output>((md, o, cb) => ep.cluster.Status({}, md, o, cb), this.opts.timeoutMs);
      return fromStatus(res);
    });
  }

  /** The members, sorted by id. */
  members(options: { serializable?: boolean } = {}): Promise<Member[]> {
    return withRetry(this.pool, this.opts, 'read', async (ep) => {
      const res = await unaryCall<MemberListResponse__Output>(
        (md, o, cb) => ep.cluster.MemberList({ serializable: options.serializable ?? false }, md, o, cb),
        this.opts.timeoutMs,
      );
      return res.members.map((m) => ({ id: m.id, address: m.address, role: m.role === 'LEARNER' ? 'learner' : 'voter' }));
    });
  }

  /**
   * Adds replica `id` at `address` (it must be running with --join): first as a learner, then,
   * once caught up, as a voter. `onProgress` hears each step. Resolves when it is a voter.
   */
  addMember(id: string, address: string, onProgress?: (message: string) => void): Promise<void> {
    return withRetry(this.pool, this.opts, 'member', (ep) => this.streamMemberAdd(ep, id, address, onProgress));
  }

  private streamMemberAdd(ep: Endpoint, id: string, address: string, onProgress?: (message: string) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const call = ep.cluster.MemberAdd({ id, address }, { deadline: Date.now() + this.opts.memberAddTimeoutMs });
      let done = false;
      call.on('data', (res: MemberAddResponse__Output) => {
        if (res.progress !== '') onProgress?.(res.progress);
        if (res.done) done = true;
      });
      call.on('error', reject);
      call.on('end', () => (done ? resolve() : reject(new Error(`${ep.address} ended MemberAdd without saying it was done`))));
    });
  }

  /** Removes replica `id` from the group. */
  async removeMember(id: string): Promise<void> {
    await withRetry(this.pool, this.opts, 'member', (ep) =>
      unaryCall<MemberRemoveResponse__Output>((md, o, cb) => ep.cluster.MemberRemove({ id }, md, o, cb), this.opts.timeoutMs),
    );
  }

  /** Hands leadership to voter `to`; resolves once it leads. */
  async transferLeader(to: string): Promise<void> {
    await withRetry(this.pool, this.opts, 'member', (ep) =>
      unaryCall<TransferLeaderResponse__Output>((md, o, cb) => ep.cluster.TransferLeader({ to }, md, o, cb), this.opts.timeoutMs),
    );
  }
}
