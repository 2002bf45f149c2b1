// Liveness after the storm: once every fault is healed and every replica restarted, the cluster
// must elect a leader and serve a fresh write and then a read within a bounded time. Safety
// alone would be satisfied by a cluster that never does anything.
import { describeConf, type Cluster } from './cluster.js';
import type { HistoryEvent } from './linearizability.js';
import type { Rng } from './rng.js';

export type LivenessResult = { readonly ok: true; readonly steps: number } | { readonly ok: false; readonly reason: string };

export function awaitLiveness(cluster: Cluster, rng: Rng, boundSteps: number): LivenessResult {
  const clients = cluster.clients;
  const probe = clients.probeClient;
  const key = rng.pick(clients.options.keys);
  let stage: 'write' | 'read' = 'write';
  let lastDone: HistoryEvent | undefined = clients.lastDone.get(probe);
  for (let i = 1; i <= boundSteps; i++) {
    cluster.step({ clientsSubmit: false });
    if (!clients.isIdle(probe)) continue;
    const done = clients.lastDone.get(probe);
    if (done !== undefined && done !== lastDone) {
      lastDone = done;
      if (done.op.kind === 'read') return { ok: true, steps: i };
      stage = 'read';
    }
    // Until there is a leader, asking it is the quickest way in; a refused request is retried.
    const running = cluster.running();
    const target = cluster.leader() ?? (running.length > 0 ? rng.pick(running) : undefined);
    if (target === undefined) continue;
    clients.submit(probe, stage === 'write' ? { kind: 'write', key, value: `probe.${i}` } : { kind: 'read', key }, target);
  }
  return { ok: false, reason: `no ${stage} completed within ${boundSteps} steps after healing; ${describeCluster(cluster)}` };
}

export function describeCluster(cluster: Cluster): string {
  const replicas = [...cluster.replicas.values()].map((r) => {
    if (r.retired) return `${r.id}: retired`;
    if (!r.running) return `${r.id}: down`;
    return `${r.id}: ${r.role} term ${r.term} commit ${r.commit} applied ${r.kv.applied} log ${r.disk.snapshotIndex + 1}..${r.disk.lastIndex}`;
  });
  const blocked = cluster.network.blockedLinks > 0 ? `; blocked ${cluster.network.describeBlocked()}` : '';
  return `conf@${cluster.conf.index} ${describeConf(cluster.conf.conf)}; ${replicas.join('; ')}${blocked}${describeProgress(cluster)}`;
}

/** The leader's view of its followers: where replication is stuck shows up here. */
function describeProgress(cluster: Cluster): string {
  const st = cluster.leader()?.node?.status();
  if (st === undefined) return '';
  const prs = [...st.progress].map(
    ([id, p]) => `${id} ${p.state} match ${p.match} next ${p.next} inflight ${p.inflight}${p.recentActive ? '' : ' inactive'}`,
  );
  return `; leader ${st.id} progress: ${prs.join(', ')}${st.leadTransferee !== '' ? `, transferring to ${st.leadTransferee}` : ''}`;
}
