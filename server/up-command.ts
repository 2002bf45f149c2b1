// `berth up`: a whole local cluster on one machine, in the foreground until Ctrl-C — N
// control-plane replicas as child processes on 127.0.0.1, each with its own data directory,
// a nats-server with JetStream when it is installed, and (later) node agents. Everything lives
// under one directory (--data): replica data, ports.json, logs/, nats/ and the client config.
//
// Flags are parsed in up-options.ts, ports remembered in up-state.ts, children supervised in
// up-children.ts, NATS set up in up-nats.ts and the client config written in up-config.ts; this
// file puts them in order and decides when to stop.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, isBerthError } from '../client/index.js';
import type { Child, UnexpectedExit } from './up-children.js';
import { Children, describeExit, freePorts, portAccepts } from './up-children.js';
import { clientConfigFile, removeClientConfig, writeUpClientConfig } from './up-config.js';
import type { NatsSetup } from './up-nats.js';
import { natsUrl, setUpNats } from './up-nats.js';
import type { UpOptions } from './up-options.js';
import { UP_USAGE, parseUpArgs, wantsHelp } from './up-options.js';
import { natsPortCandidates, planReplicaPorts, readSavedPorts, writeSavedPorts } from './up-state.js';
import type { SavedPorts } from './up-state.js';

export { UP_USAGE, parseUpArgs } from './up-options.js';
export type { UpOptions, NatsMode } from './up-options.js';

/** The cluster id berth up gives its replicas (`berth server`'s default) and the config file. */
const CLUSTER_ID = 'berth';
/** How long the replicas get to elect a leader before berth up gives up. */
const LEADER_TIMEOUT_MS = 30_000;
/** Between two questions to the replicas while waiting for a leader. */
const LEADER_POLL_MS = 200;
/** Deadline of one status call while waiting for a leader. */
const STATUS_TIMEOUT_MS = 1_000;
/** How long children get to exit after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 10_000;
/** How long to wait for the exit after SIGKILL. */
const KILL_WAIT_MS = 5_000;
/** A stop signal this soon after the first counts as the same one (see stopSignals). */
const REPEATED_SIGNAL_MS = 1_000;
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

interface Layout {
  readonly dataDir: string;
  readonly logDir: string;
  readonly configFile: string;
}

interface Replica {
  readonly id: string;
  readonly address: string;
  readonly child: Child;
}

interface UpCluster {
  readonly replicas: readonly Replica[];
  readonly leader: string;
  readonly nats: NatsSetup;
}

/** What the start-up shares with the code that stops it. */
interface RunState {
  readonly abort: AbortController;
  /** Set once this berth up has removed a stale config: from then on the file is its own. */
  ownsConfig: boolean;
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

function layoutOf(options: UpOptions): Layout {
  return { dataDir: options.dataDir, logDir: join(options.dataDir, 'logs'), configFile: clientConfigFile(options.dataDir) };
}

/** The replica ports: remembered, from --base-port, or free ones; refuses ports already in use. */
async function replicaPorts(options: UpOptions, saved: SavedPorts | undefined): Promise<number[]> {
  const planned = planReplicaPorts(saved, options.replicas, options.basePort, options.dataDir);
  const ports = planned ?? (await freePorts(options.replicas));
  for (const port of ports) {
    if (await portAccepts(port, 300)) {
      throw new Error(`127.0.0.1:${port} is already in use (is berth up already running on ${options.dataDir}?)`);
    }
  }
  return ports;
}

/** `--nats URL` for a server or an agent, or nothing without NATS. */
function natsArgs(nats: string | undefined): string[] {
  return nats === undefined ? [] : ['--nats', nats];
}

function startReplica(children: Children, bin: string, id: string, port: number, peers: string, layout: Layout, nats: string | undefined): Replica {
  const address = `127.0.0.1:${port}`;
  const child = children.start({
    name: id,
    command: process.execPath,
    args: [bin, 'server', '--id', id, '--listen', address, '--peers', peers, '--data', join(layout.dataDir, id), '--cluster-id', CLUSTER_ID, ...natsArgs(nats)],
    logFile: join(layout.logDir, `${id}.log`),
  });
  out(`  ${id.padEnd(11)}  ${address.padEnd(21)}  pid ${child.pid}`);
  return { id, address, child };
}

/**
 * Node agents node-1..node-N, each a `berth agent` child with its own data directory and log,
 * given every replica's address. They stop their pods when berth up stops, so that a local
 * cluster leaves no process behind (the next berth up starts them again from the store).
 */
function startAgents(children: Children, bin: string, count: number, servers: readonly string[], layout: Layout, nats: string | undefined): Child[] {
  const agents: Child[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `node-${i}`;
    const child = children.start({
      name,
      command: process.execPath,
      // A small young generation: see AGENT_NODE_FLAGS in node/agent-command.ts.
      args: ['--max-semi-space-size=1', bin, 'agent', '--server', servers.join(','), '--name', name, '--data', join(layout.dataDir, name), '--stop-pods-on-exit', ...natsArgs(nats)],
      logFile: join(layout.logDir, `${name}.log`),
    });
    out(`  ${name.padEnd(11)}  ${'agent'.padEnd(21)}  pid ${child.pid}`);
    agents.push(child);
  }
  return agents;
}

/** Asks the replicas until they name a leader; undefined when none is elected within the timeout. */
async function waitForLeader(addresses: readonly string[], signal: AbortSignal): Promise<string | undefined> {
  const client = connect({ servers: addresses, timeoutMs: STATUS_TIMEOUT_MS, connectTimeoutMs: STATUS_TIMEOUT_MS, retry: { maxAttempts: addresses.length } });
  const deadline = performance.now() + LEADER_TIMEOUT_MS;
  try {
    while (!signal.aborted && performance.now() < deadline) {
      try {
        const status = await client.cluster.status();
        if (status.leader !== '') return status.leader;
      } catch {
        // Not up yet: ask again.
      }
      await sleep(LEADER_POLL_MS);
    }
    return undefined;
  } finally {
    client.close();
  }
}

/** Starts NATS, the replicas and the agents, waits for a leader and writes the client config. */
async function startCluster(options: UpOptions, layout: Layout, children: Children, bin: string, run: RunState): Promise<UpCluster> {
  const saved = await readSavedPorts(layout.dataDir);
  const ports = await replicaPorts(options, saved);
  // A config left by a berth up that was killed must not make anyone think this one is ready.
  // (Removed only now: when the ports are in use, it belongs to a berth up that is running.)
  await removeClientConfig(layout.configFile);
  run.ownsConfig = true;
  out(`starting ${options.replicas} replica${options.replicas === 1 ? '' : 's'} in ${layout.dataDir} ...`);
  const nats = await setUpNats(options.nats, children, {
    dataDir: layout.dataDir,
    logDir: layout.logDir,
    preferredPorts: natsPortCandidates(saved, ports),
    freePort: async () => (await freePorts(1, ports))[0]!,
    note: out,
  });
  if (nats.kind === 'started') out(`  ${'nats-server'.padEnd(11)}  ${nats.url.padEnd(21)}  pid ${nats.child.pid}`);
  const natsPort = nats.kind === 'started' ? nats.port : saved?.nats;
  await writeSavedPorts(layout.dataDir, natsPort === undefined ? { replicas: ports } : { replicas: ports, nats: natsPort });
  const ids = ports.map((_, i) => `r${i + 1}`);
  const peers = ids.map((id, i) => `${id}=127.0.0.1:${ports[i]}`).join(',');
  // The leader publishes endpoints, events and scaling decisions there; agents follow endpoints.
  const url = natsUrl(nats);
  const replicas = ids.map((id, i) => startReplica(children, bin, id, ports[i]!, peers, layout, url));
  startAgents(children, bin, options.agents, replicas.map((r) => r.address), layout, url);
  const leader = await waitForLeader(replicas.map((r) => r.address), run.abort.signal);
  if (leader === undefined) {
    if (run.abort.signal.aborted) throw new Error('stopped while starting');
    const logs = replicas.map((r) => r.child.logFile).join(', ');
    throw new Error(`no leader was elected within ${LEADER_TIMEOUT_MS / 1000} s; see the replica logs: ${logs}`);
  }
  await writeUpClientConfig(layout.configFile, { cluster: CLUSTER_ID, servers: replicas.map((r) => r.address), nats: natsUrl(nats) });
  return { replicas, leader, nats };
}

function natsText(nats: NatsSetup): string {
  return nats.kind === 'none' ? `NATS ${nats.reason}` : `NATS at ${nats.url}`;
}

function printBanner(cluster: UpCluster, layout: Layout): void {
  const n = cluster.replicas.length;
  out(`berth is up: ${n} replica${n === 1 ? '' : 's'} (leader ${cluster.leader}), ${natsText(cluster.nats)}`);
  out(`  export BERTH_CONFIG=${layout.configFile}`);
  out('  npx berth cluster status');
  out('  npx berth get nodes');
  out('  npx berth apply -f deploy/examples/hello-pod.yaml && npx berth get pods -o wide && npx berth logs hello');
  out(`Logs: ${layout.logDir}   Ctrl-C stops the cluster.`);
}

/**
 * Resolves with the first stop signal. A second one kills the children at once — unless it comes
 * within REPEATED_SIGNAL_MS of the first: then it is the same Ctrl-C, delivered both by the
 * terminal and by a parent that forwards it (npm run, deploy/quickstart.sh).
 */
function stopSignals(children: Children): { received: Promise<NodeJS.Signals>; dispose: () => void } {
  let resolveFirst: ((signal: NodeJS.Signals) => void) | undefined;
  const received = new Promise<NodeJS.Signals>((resolve) => (resolveFirst = resolve));
  let firstAt: number | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    if (firstAt === undefined) {
      firstAt = performance.now();
      resolveFirst?.(signal);
    } else if (performance.now() - firstAt > REPEATED_SIGNAL_MS) {
      err(`${signal} again: killing every process berth up started`);
      children.killAllSync();
    }
  };
  for (const s of STOP_SIGNALS) process.on(s, handler);
  return { received, dispose: () => STOP_SIGNALS.forEach((s) => process.off(s, handler)) };
}

function reportExit({ child, info }: UnexpectedExit): void {
  err(`error: ${child.name} (pid ${child.pid}) exited unexpectedly (${describeExit(info)}); see its log: ${child.logFile}`);
}

type Outcome = { kind: 'up'; cluster: UpCluster } | { kind: 'failed'; error: Error } | { kind: 'exit'; exit: UnexpectedExit } | { kind: 'signal'; signal: NodeJS.Signals };

/** Starts everything and runs until a signal or a child's exit; returns the exit code. */
async function run(options: UpOptions, layout: Layout, bin: string): Promise<number> {
  const children = new Children();
  const signals = stopSignals(children);
  const state: RunState = { abort: new AbortController(), ownsConfig: false };
  const exitOrSignal = Promise.race([
    children.unexpectedExit.then((exit): Outcome => ({ kind: 'exit', exit })),
    signals.received.then((signal): Outcome => ({ kind: 'signal', signal })),
  ]);
  try {
    const started = startCluster(options, layout, children, bin, state).then(
      (cluster): Outcome => ({ kind: 'up', cluster }),
      (error: unknown): Outcome => ({ kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    let outcome = await Promise.race([started, exitOrSignal]);
    if (outcome.kind === 'up') {
      printBanner(outcome.cluster, layout);
      // Once up, a process that dies is reported and the rest go on, so that killing a replica
      // or an agent shows what the cluster does about it (a new leader, a node NotReady and its
      // pods replaced); starting berth up again on the same DIR brings it back.
      children.onUnexpectedExit((exit) => {
        reportExit(exit);
        err(`  the cluster goes on without it; Ctrl-C, then berth up again (same --data), brings it back`);
      });
      outcome = await signals.received.then((signal): Outcome => ({ kind: 'signal', signal }));
    }
    return finish(outcome);
  } finally {
    state.abort.abort();
    if (children.all().some((c) => c.running)) out('stopping ... (Ctrl-C again to kill at once)');
    await children.stopAll(STOP_GRACE_MS, KILL_WAIT_MS);
    if (state.ownsConfig) await removeClientConfig(layout.configFile);
    signals.dispose();
  }
}

function finish(outcome: Outcome): number {
  switch (outcome.kind) {
    case 'signal':
      return 0;
    case 'exit':
      reportExit(outcome.exit);
      return 1;
    case 'failed': {
      // Flags that contradict the cluster already in DIR are usage errors too.
      const usage = isBerthError(outcome.error) && outcome.error.code === 'INVALID_ARGUMENT';
      err(`error: ${outcome.error.message}${usage ? `\n\n${UP_USAGE}` : ''}`);
      return usage ? 2 : 1;
    }
    case 'up':
      throw new Error('assertion: the cluster is up but nothing stopped it');
  }
}

/** The `berth up` command: returns the process exit code once everything has stopped. */
export async function upCommand(argv: string[], bin: string): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(UP_USAGE);
    return 0;
  }
  let options: UpOptions;
  try {
    options = parseUpArgs(argv, process.cwd());
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n\n${UP_USAGE}`);
    return 2;
  }
  const layout = layoutOf(options);
  await mkdir(layout.logDir, { recursive: true });
  return run(options, layout, bin);
}
