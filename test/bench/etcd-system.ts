// A 3-member etcd cluster on 127.0.0.1 free ports, with default etcd timings, temp data dirs
// and logs in files, behind the BenchSystem interface.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ManagedProcess, Resources } from '../support/procs.js';
import { LOOPBACK, WaitAborted, freePorts, waitFor } from '../support/procs.js';
import { EtcdChannel } from './etcd-client.js';
import type { StatusResponse } from './etcd-client.js';
import { ProcessCluster, READY_TIMEOUT_MS } from './process-cluster.js';
import type { BenchSystem, Writer } from './system.js';

/** Backend quota: far above what a benchmark run writes, so etcd never raises NOSPACE. */
const QUOTA_BACKEND_BYTES = 8 * 1024 ** 3;
/** Deadline of one Status or health-check call. */
const PROBE_TIMEOUT_MS = 1_000;
/** How long to wait for a cluster to start or become healthy again. */

interface Member {
  readonly name: string;
  readonly clientPort: number;
  readonly peerPort: number;
  readonly dataDir: string;
  readonly logFile: string;
  proc: ManagedProcess | undefined;
}

export interface EtcdSystemOptions {
  /** @default 'etcd' */
  readonly binary?: string;
  /** Where data dirs and logs go (a temp dir the caller removes). */
  readonly workDir: string;
}

export class EtcdSystem extends ProcessCluster<Member> implements BenchSystem {
  readonly name = 'etcd';
  private readonly binary: string;
  private readonly token = `berth-bench-${process.pid}-${Date.now()}`;

  constructor(
    private readonly resources: Resources,
    private readonly options: EtcdSystemOptions,
  ) {
    super();
    this.binary = options.binary ?? 'etcd';
  }

  async start(): Promise<void> {
    const ports = await freePorts(this.size * 2);
    this.members = Array.from({ length: this.size }, (_, i) => ({
      name: `etcd${i + 1}`,
      clientPort: ports[2 * i] ?? 0,
      peerPort: ports[2 * i + 1] ?? 0,
      dataDir: join(this.options.workDir, `etcd${i + 1}.data`),
      logFile: join(this.options.workDir, `etcd${i + 1}.log`),
      proc: undefined,
    }));
    for (let i = 0; i < this.size; i++) this.spawn(i);
    await this.waitHealthy();
  }

  version(): Promise<string> {
    return etcdVersion(this.binary);
  }

  async leader(): Promise<number> {
    let found = -1;
    await waitFor(
      async () => {
        found = await this.findLeader();
        return found >= 0;
      },
      { what: 'etcd to elect a leader', timeoutMs: READY_TIMEOUT_MS },
    );
    return found;
  }

  async writers(member: number, count: number, timeoutMs: number): Promise<Writer[]> {
    const endpoint = this.endpoint(member);
    return Array.from({ length: count }, () => etcdWriter(new EtcdChannel(endpoint), timeoutMs));
  }

  endpoint(member: number): string {
    return `${LOOPBACK}:${this.member(member).clientPort}`;
  }

  /** Where each member logs, for error messages. */
  logFiles(): string[] {
    return this.members.map((m) => m.logFile);
  }

  protected spawn(i: number): void {
    const m = this.member(i);
    const peerUrl = (p: number): string => `http://${LOOPBACK}:${p}`;
    const initialCluster = this.members.map((x) => `${x.name}=${peerUrl(x.peerPort)}`).join(',');
    const clientUrl = `http://${LOOPBACK}:${m.clientPort}`;
    m.proc = this.resources.spawn({
      name: m.name,
      command: this.binary,
      logFile: m.logFile,
      args: [
        `--name=${m.name}`,
        `--data-dir=${m.dataDir}`,
        `--listen-client-urls=${clientUrl}`,
        `--advertise-client-urls=${clientUrl}`,
        `--listen-peer-urls=${peerUrl(m.peerPort)}`,
        `--initial-advertise-peer-urls=${peerUrl(m.peerPort)}`,
        `--initial-cluster=${initialCluster}`,
        `--initial-cluster-token=${this.token}`,
        '--initial-cluster-state=new',
        `--quota-backend-bytes=${QUOTA_BACKEND_BYTES}`,
        '--logger=zap',
        '--log-outputs=stderr',
      ],
      // Debian's etcd reads ETCD_* variables; make sure none from the environment change the setup.
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ETCD_'))),
    });
  }

  /** Index of the member that all running members name as leader, or -1. */
  private async findLeader(): Promise<number> {
    const statuses = await this.statuses();
    const leaders = new Set(statuses.map((s) => s?.leader ?? '0'));
    const [leader] = leaders;
    if (leaders.size !== 1 || leader === undefined || leader === '0') return -1;
    return statuses.findIndex((s) => s?.header?.memberId === leader);
  }

  /** Status of each member (undefined for a member that is down or does not answer). */
  private statuses(): Promise<(StatusResponse | undefined)[]> {
    return Promise.all(
      this.members.map(async (m, i) => {
        if (m.proc?.running !== true) return undefined;
        const channel = new EtcdChannel(this.endpoint(i));
        try {
          return await channel.status(PROBE_TIMEOUT_MS);
        } catch {
          return undefined;
        } finally {
          channel.close();
        }
      }),
    );
  }

  protected async healthy(): Promise<boolean> {
    for (const m of this.members) {
      if (m.proc !== undefined && !m.proc.running) throw new WaitAborted(`${m.name} exited; log tail:\n${m.proc.logTail()}`);
    }
    const statuses = await this.statuses();
    if (statuses.some((s) => s === undefined)) return false;
    if ((await this.findLeader()) < 0) return false;
    // A write through every member proves each is connected to the leader and can commit.
    const channels = this.members.map((_, i) => new EtcdChannel(this.endpoint(i)));
    try {
      await Promise.all(channels.map((c, i) => c.put(Buffer.from(`bench/health/${i}`), Buffer.from('ok'), PROBE_TIMEOUT_MS)));
      return true;
    } finally {
      for (const c of channels) c.close();
    }
  }
}

/** The version `etcd --version` prints, e.g. '3.4.23'. */
export async function etcdVersion(binary = 'etcd'): Promise<string> {
  const { stdout } = await promisify(execFile)(binary, ['--version'], { timeout: 10_000 });
  const line = stdout.split('\n').find((l) => l.startsWith('etcd Version:'));
  return line === undefined ? stdout.trim() : line.replace('etcd Version:', '').trim();
}

function etcdWriter(channel: EtcdChannel, timeoutMs: number): Writer {
  return {
    put: (key, value) => channel.put(Buffer.from(key), value, timeoutMs),
    close: () => channel.close(),
  };
}
