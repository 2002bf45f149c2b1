// client.cluster: the replicas themselves. Status and the member list are reads; adding,
// removing and leadership transfer are membership changes, which only the leader makes (see
// retry.ts for how a NOT_LEADER reply is followed to the leader).
import type { MemberAddResponse__Output } from '../proto/gen/berth/v1/MemberAddResponse.js';
import type { MemberListResponse__Output } from '../proto/gen/berth/v1/MemberListResponse.js';
import type { MemberRemoveResponse__Output } from '../proto/gen/berth/v1/MemberRemoveResponse.js';
import type { StatusResponse__Output } from '../proto/gen/berth/v1/StatusResponse.js';
import type { TransferLeaderResponse__Output } from '../proto/gen/berth/v1/TransferLeaderResponse.js';
import { unaryCall } from './call.js';
import { fromStatus } from './convert.js';
import type { Endpoint, EndpointPool } from './endpoints.js';
import type { CompiledConnectOptions } from './options.js';
import { withRetry } from './retry.js';
import type { ClusterStatus, Member } from './types.js';

export class ClusterClient {
  constructor(
    private readonly pool: EndpointPool,
    private readonly opts: CompiledConnectOptions,
  ) {}

  /** The status of the replica that answers (the current endpoint, or the next that does). */
  status(): Promise<ClusterStatus> {
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
