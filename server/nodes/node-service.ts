// NodeService on a replica. Only the leader keeps agent streams and answers Logs, Exec and
// Usage: a follower answers NOT_LEADER naming the leader's address, and the agent or client goes
// there. When this replica stops leading, every agent stream it holds is ended the same way, so
// that agents move to the new leader, which sends each of them its full pod set again.
import type * as grpc from '@grpc/grpc-js';
import { BerthError } from '../../client/index.js';
import type { NodeServiceHandlers } from '../../proto/gen/berth/v1/NodeService.js';
import type { UsageResponse } from '../../proto/gen/berth/v1/UsageResponse.js';
import { nodeProto } from '../../proto/load.js';
import type { ApiNode, ApiService, ObjectRegistry, WatchCaches } from '../api/index.js';
import { failStream, leads, memberAddress, unary } from '../api/index.js';
import { AgentSession } from './agent-session.js';
import type { ConnectCall } from './agent-session.js';
import { NodeLiveness } from './liveness.js';
import type { NodeServiceOptions } from './options.js';
import { compileNodeServiceOptions } from './options.js';
import { relayExec, relayLogs } from './relay.js';
import { PodStatusWriter } from './status-writer.js';
import type { PodUsageReport } from './usage.js';

export interface NodeServiceDeps {
  readonly node: ApiNode;
  readonly reg: ObjectRegistry;
  readonly caches: WatchCaches;
}

/** NOT_LEADER for a call only the leader serves, with the leader's address when known. */
async function notLeader(node: ApiNode): Promise<BerthError> {
  const { leader } = node.termAndLeader();
  const leaderAddress = await memberAddress(node, leader);
  return new BerthError('NOT_LEADER', `node streams, logs and exec are served by the leader${leader !== '' ? ` (${leader})` : '; none is known yet'}`, {
    details: { leader, proposed: false, ...(leaderAddress !== undefined ? { leaderAddress } : {}) },
  });
}

/** The registered service; on the leader, also the pods' usage its agents' heartbeats reported. */
export interface NodeServiceHandle extends ApiService {
  /** Every pod's last reported usage (empty on a follower: liveness lives on the leader). */
  podUsage(): readonly PodUsageReport[];
}

export function registerNodeService(server: grpc.Server, deps: NodeServiceDeps, options: NodeServiceOptions = {}): NodeServiceHandle {
  const opts = compileNodeServiceOptions(options);
  const log = opts.logger;
  const { node, reg } = deps;
  const liveness = new NodeLiveness(reg, opts);
  const statusWriter = new PodStatusWriter(reg, opts);
  const sessions = new Map<string, AgentSession>();
  const open = new Set<AgentSession>();
  const sessionDeps = {
    reg,
    caches: deps.caches,
    liveness,
    statusWriter,
    opts,
    attach: (s: AgentSession) => {
      const old = sessions.get(s.nodeName);
      sessions.set(s.nodeName, s);
      old?.fail(new BerthError('CANCELLED', `node ${s.nodeName} connected again on another stream; this one is replaced`));
    },
    detach: (s: AgentSession) => {
      open.delete(s);
      if (s.nodeName === '' || sessions.get(s.nodeName) !== s) return;
      sessions.delete(s.nodeName);
      liveness.disconnected(s.nodeName);
    },
  };
  const endAll = (err: BerthError): void => {
    for (const s of [...open]) s.fail(err);
  };
  const stopFollowing = node.onLeaderChange((leader) => {
    if (leader !== node.id && open.size > 0) void notLeader(node).then(endAll);
  });
  const relayDeps = { reg, opts, session: (name: string) => sessions.get(name) };
  const leaderOnly = async (): Promise<void> => {
    if (!leads(node)) throw await notLeader(node);
  };
  const handlers: NodeServiceHandlers = {
    Connect: (call: ConnectCall) => {
      void leaderOnly().then(
        () => open.add(new AgentSession(call, sessionDeps)),
        (err: unknown) => failStream(call as never, err, log, 'NodeService/Connect'),
      );
    },
    Logs: (call) => {
      void leaderOnly()
        .then(() => relayLogs(call, relayDeps))
        .catch((err: unknown) => failStream(call, err, log, 'NodeService/Logs'));
    },
    Exec: (call) => {
      void leaderOnly()
        .then(() => relayExec(call, relayDeps))
        .catch((err: unknown) => failStream(call, err, log, 'NodeService/Exec'));
    },
    Usage: unary(log, 'NodeService/Usage', async (req): Promise<UsageResponse> => {
      await leaderOnly();
      const nodes = liveness.usage().map((n) => ({
        name: n.name,
        usage: n.usage?.node ?? { cpuMillicores: 0, memoryBytes: 0 },
        lastHeartbeatTime: n.heardAt?.toISOString() ?? '',
      }));
      const pods = liveness.podUsage().filter((p) => req.namespace === '' || p.namespace === req.namespace);
      return { nodes, pods: pods.map((p) => ({ ...p, containers: [...p.containers], node: p.node ?? '' })) };
    }),
  };
  server.addService(nodeProto().NodeService.service, handlers);
  liveness.start();
  return {
    podUsage: () => liveness.podUsage(),
    close: () => {
      stopFollowing();
      liveness.stop();
      endAll(new BerthError('UNAVAILABLE', `replica ${node.id} is shutting down; connect to another replica`));
    },
  };
}
