// A 3-replica berth cluster on 127.0.0.1 free ports (`berth server` processes with temp data
// dirs, default timings, JSON logs in files), driven through the berth SDK, behind the
// BenchSystem interface.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connect } from '../../client/index.js';
import type { Client, ClusterStatus } from '../../client/index.js';
import type { ManagedProcess, Resources } from '../support/procs.js';
import { LOOPBACK, WaitAborted, freePorts, waitFor } from '../support/procs.js';
import { ProcessCluster, READY_TIMEOUT_MS } from './process-cluster.js';
import type { BenchSystem, Writer } from './system.js';

/** Deadline of one Status or health-check call. */
const PROBE_TIMEOUT_MS = 1_000;
/** How long to wait for a cluster to start or become healthy again. */
const CLUSTER_ID = 'bench';

interface Member {
  readonly id: string;
  readonly port: number;
  readonly dataDir: string;
  readonly logFile: string;
  proc: ManagedProcess | undefined;
}

export interface BerthSystemOptions {
  /** Where data dirs and logs go (a temp dir the caller removes). */
  readonly workDir: string;
  /** The CLI entrypoint. @default client/cli/bin.js, else dist/client/cli/bin.js */
  readonly bin?: string | undefined;
  /** Node flags put before the entrypoint (e.g. --cpu-prof). @default [] */
  readonly nodeArgs?: readonly string[];
}

/** Rejects with a timeout error if `promise` has not settled after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  // The losing promise must not become an unhandled rejection.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function defaultBin(): string {
  for (const candidate of ['client/cli/bin.js', 'dist/client/cli/bin.js']) {
    if (existsSync(candidate)) return resolve(candidate);
  }
  throw new Error('berth CLI not found: run from the repository root after `npm run build`, or pass --berth-bin');
}

export class BerthSystem extends ProcessCluster<Member> implements BenchSystem {
  readonly name = 'berth';
  private readonly bin: string;

  constructor(
    private readonly resources: Resources,
    private readonly options: BerthSystemOptions,
  ) {
    super();
    this.bin = options.bin ?? defaultBin();
  }

  async start(): Promise<void> {
    const ports = await freePorts(this.size);
    this.members = ports.map((port, i) => ({
      id: `r${i + 1}`,
      port,
      dataDir: join(this.options.workDir, `r${i + 1}.data`),
      logFile: join(this.options.workDir, `r${i + 1}.log`),
      proc: undefined,
    }));
    for (let i = 0; i < this.size; i++) this.spawn(i);
    await this.waitHealthy();
  }

  async version(): Promise<string> {
    return 'berth (this checkout)';
  }

  async leader(): Promise<number> {
    let found = -1;
    await waitFor(
      async () => {
        found = await this.findLeader();
        return found >= 0;
      },
      { what: 'berth to elect a leader', timeoutMs: READY_TIMEOUT_MS },
    );
    return found;
  }

  async writers(member: number, count: number, timeoutMs: number): Promise<Writer[]> {
    const endpoint = this.endpoint(member);
    return Array.from({ length: count }, () => berthWriter(connect({ endpoints: [endpoint], timeoutMs }), timeoutMs));
  }

  endpoint(member: number): string {
    return `${LOOPBACK}:${this.member(member).port}`;
  }

  protected spawn(i: number): void {
    const m = this.member(i);
    const peers = this.members.map((x) => `${x.id}=${LOOPBACK}:${x.port}`).join(',');
    m.proc = this.resources.spawn({
      name: m.id,
      command: process.execPath,
      logFile: m.logFile,
      args: [...(this.options.nodeArgs ?? []), this.bin, 'server', '--id', m.id, '--listen', `${LOOPBACK}:${m.port}`, '--peers', peers, '--data', m.dataDir, '--cluster-id', CLUSTER_ID],
    });
  }

  /** Each member's status through a client to that member alone (undefined when it does not answer). */
  private statuses(): Promise<(ClusterStatus | undefined)[]> {
    return Promise.all(
      this.members.map(async (m, i) => {
        if (m.proc?.running !== true) return undefined;
        const client = connect({ endpoints: [this.endpoint(i)], timeoutMs: PROBE_TIMEOUT_MS });
        try {
          return await withTimeout(client.cluster.replicaStatus(), PROBE_TIMEOUT_MS, `${m.id} status`);
        } catch {
          return undefined;
        } finally {
          client.close();
        }
      }),
    );
  }

  /** Index of the member that all running members name as leader, or -1. */
  private async findLeader(): Promise<number> {
    const statuses = await this.statuses();
    const leaders = new Set(statuses.filter((s) => s !== undefined).map((s) => s.leader));
    const [leader] = leaders;
    if (leaders.size !== 1 || leader === undefined || leader === '') return -1;
    return this.members.findIndex((m) => m.id === leader);
  }

  protected async healthy(): Promise<boolean> {
    for (const m of this.members) {
      if (m.proc !== undefined && !m.proc.running) throw new WaitAborted(`${m.id} exited; log tail:\n${m.proc.logTail()}`);
    }
    const statuses = await this.statuses();
    if (statuses.some((s) => s === undefined)) return false;
    if ((await this.findLeader()) < 0) return false;
    // A write through every member proves each is connected to the leader and can commit.
    const clients = this.members.map((_, i) => connect({ endpoints: [this.endpoint(i)], timeoutMs: PROBE_TIMEOUT_MS }));
    try {
      await Promise.all(clients.map((c, i) => withTimeout(c.kv.put(`bench/health/${i}`, Buffer.from('ok')), PROBE_TIMEOUT_MS, 'health put')));
      return true;
    } finally {
      for (const c of clients) c.close();
    }
  }
}

/**
 * The SDK's timeoutMs bounds one attempt; the race bounds the whole call, retries included, so
 * that a put ends within timeoutMs as etcd's single gRPC call with that deadline does.
 */
function berthWriter(client: Client, timeoutMs: number): Writer {
  return {
    put: (key, value) => withTimeout(client.kv.put(key, value), timeoutMs, `put ${key}`).then(() => undefined),
    close: () => client.close(),
  };
}
