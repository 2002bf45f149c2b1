// ClusterService: the Raft group as operators see it. Status is this replica's own view; member
// changes need the leader, and a follower's NOT_LEADER names the leader's id and address (the
// member table's address, where the API is served too) so that a client can go there.
import type * as grpc from '@grpc/grpc-js';
import { BerthError, isBerthError } from '../../client/index.js';
import { apiProto } from '../../proto/load.js';
import type { ClusterServiceHandlers } from '../../proto/gen/berth/v1/ClusterService.js';
import type { MemberAddRequest__Output } from '../../proto/gen/berth/v1/MemberAddRequest.js';
import type { MemberAddResponse } from '../../proto/gen/berth/v1/MemberAddResponse.js';
import type { MemberProgress } from '../../proto/gen/berth/v1/MemberProgress.js';
import type { StatusResponse } from '../../proto/gen/berth/v1/StatusResponse.js';
import type { NodeId, Role } from '../raft/core/index.js';
import type { ApiNode, ApiService } from './backend.js';
import { memberAddress } from './backend.js';
import { withDetails } from './errors.js';
import { compileApiOptions } from './options.js';
import type { ApiOptions, CompiledApiOptions } from './options.js';
import { failStream, responseHeader, unary } from './respond.js';
import { validateMemberAdd, validateMemberId } from './validate.js';

type MemberAddCall = grpc.ServerWritableStream<MemberAddRequest__Output, MemberAddResponse>;

/**
 * Registers ClusterService on `server`, served by `node` (a RaftNode). Call close() on the result
 * before stopping the node and the server: it ends MemberAdd streams still waiting for a learner.
 */
export function registerClusterService(server: grpc.Server, node: ApiNode, options: ApiOptions): ApiService {
  const service = createClusterService(node, compileApiOptions(options));
  server.addService(apiProto().ClusterService.service, service.handlers);
  return { close: () => service.close() };
}

export function createClusterService(node: ApiNode, opts: CompiledApiOptions): { handlers: ClusterServiceHandlers; close(): void } {
  const adds = new Set<MemberAddCall>();
  const close = (): void => {
    const err = new BerthError('UNAVAILABLE', `replica ${node.id} is shutting down; the member change may or may not complete`);
    for (const call of [...adds]) failStream(call, err, opts.logger, 'ClusterService/MemberAdd');
  };
  return { handlers: clusterHandlers(node, opts, adds), close };
}

const ROLES: Readonly<Record<Role, NonNullable<StatusResponse['role']>>> = {
  follower: 'FOLLOWER',
  preCandidate: 'PRE_CANDIDATE',
  candidate: 'CANDIDATE',
  leader: 'LEADER',
};

function clusterHandlers(node: ApiNode, opts: CompiledApiOptions, adds: Set<MemberAddCall>): ClusterServiceHandlers {
  const log = opts.logger;
  const header = () => responseHeader(node, opts.clusterId, node.store.revision);
  return {
    Status: unary(log, 'ClusterService/Status', async () => status(node, opts)),
    MemberList: unary(log, 'ClusterService/MemberList', async (req) => {
      if (!req.serializable) await node.linearizableRead();
      const members = [...(await node.members())].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return {
        header: header(),
        members: members.map((m) => ({ id: m.id, address: m.address, role: m.role === 'voter' ? 'VOTER' : 'LEARNER' })),
      };
    }),
    MemberAdd: (call) => {
      adds.add(call);
      void memberAdd(node, opts, call).finally(() => adds.delete(call));
    },
    MemberRemove: unary(log, 'ClusterService/MemberRemove', async (req) => {
      const id = validateMemberId('member_remove.id', req.id);
      await leaderOnly(node, () => node.removeMember(id));
      return { header: header() };
    }),
    TransferLeader: unary(log, 'ClusterService/TransferLeader', async (req) => {
      await transferLeader(node, opts, validateMemberId('transfer_leader.to', req.to));
      return { header: header() };
    }),
  };
}

function status(node: ApiNode, opts: CompiledApiOptions): StatusResponse {
  const st = node.status();
  const progress: MemberProgress[] = [...st.progress]
    .filter(([id]) => id !== st.id)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, pr]) => ({
      id,
      match: pr.match,
      next: pr.next,
      state: pr.state === 'probe' ? 'PROBE' : pr.state === 'replicate' ? 'REPLICATE' : 'SNAPSHOT',
      learner: pr.learner,
      recentActive: pr.recentActive,
      inflight: pr.inflight,
    }));
  return {
    header: responseHeader(node, opts.clusterId, node.store.revision),
    id: st.id,
    leader: st.leader,
    term: st.term,
    role: ROLES[st.role],
    commit: st.commit,
    applied: st.applied,
    lastIndex: st.lastIndex,
    firstIndex: st.firstIndex,
    revision: node.store.revision,
    compactedRevision: node.store.compactedRevision,
    voters: [...st.conf.voters],
    learners: [...st.conf.learners],
    progress,
    leadTransferee: st.leadTransferee,
  };
}

/**
 * Runs a change that only the leader makes. RaftNode checks leadership before proposing, so its
 * NOT_LEADER proves nothing happened (proposed: false); the leader's address is added for the
 * client to go there.
 */
async function leaderOnly<T>(node: ApiNode, change: () => Promise<T>, proposedYet: () => boolean = () => false): Promise<T> {
  try {
    return await change();
  } catch (err) {
    if (!isBerthError(err, 'NOT_LEADER')) throw err;
    const leader = typeof err.details['leader'] === 'string' ? err.details['leader'] : '';
    const leaderAddress = await memberAddress(node, leader);
    throw withDetails(err, {
      ...(leaderAddress !== undefined ? { leaderAddress } : {}),
      ...(proposedYet() ? {} : { proposed: false }),
    });
  }
}

async function memberAdd(node: ApiNode, opts: CompiledApiOptions, call: MemberAddCall): Promise<void> {
  let progressed = false;
  const send = (progress: string, done: boolean): void => {
    if (call.writableEnded || call.destroyed) return;
    call.write({ header: responseHeader(node, opts.clusterId, node.store.revision), progress, done });
  };
  try {
    const { id, address } = validateMemberAdd(call.request);
    await leaderOnly(
      node,
      () =>
        node.addMember(id, address, (msg) => {
          progressed = true;
          send(msg, false);
        }),
      () => progressed,
    );
    send(`${id} is a voting member`, true);
    call.end();
  } catch (err) {
    failStream(call, err, opts.logger, 'ClusterService/MemberAdd');
  }
}

/** Asks for the transfer, then waits until `to` leads: the caller learns whether it worked. */
async function transferLeader(node: ApiNode, opts: CompiledApiOptions, to: NodeId): Promise<void> {
  const st = node.status();
  if (!st.conf.voters.includes(to)) {
    throw new BerthError('NOT_FOUND', `transfer_leader.to: ${to} is not a voting member (voters: ${st.conf.voters.join(', ')})`, {
      details: { field: 'transfer_leader.to' },
    });
  }
  if (st.leader === to) return;
  const before = st.leader;
  await new Promise<void>((resolve, reject) => {
    const finish = (err?: BerthError): void => {
      clearTimeout(timer);
      unsubscribe();
      if (err === undefined) resolve();
      else reject(err);
    };
    const timer = setTimeout(() => {
      const now = node.status().leader || 'none';
      finish(new BerthError('TIMEOUT', `leadership did not move to ${to} within ${opts.transferLeaderTimeoutMs} ms (leader: ${now}); is ${to} caught up?`));
    }, opts.transferLeaderTimeoutMs);
    const unsubscribe = node.onLeaderChange((leader) => {
      if (leader === to) finish();
      else if (leader !== '' && leader !== before) finish(new BerthError('CONFLICT', `leadership moved to ${leader} instead of ${to}`));
    });
    node.transferLeadership(to);
  });
}
