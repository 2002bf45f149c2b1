// Real `berth server` processes on 127.0.0.1 for integration tests and benchmarks: free ports
// picked at run time, one LevelDB data directory each, logs in files, kill -9 by PID.
import { join, resolve } from 'node:path';
import { connect, type Client } from '../../client/index.js';
import { freePorts, waitFor, type ManagedProcess, type Resources } from './procs.js';

const BIN = resolve(new URL('../../', import.meta.url).pathname.replace(/\/dist\/$/, '/'), 'client/cli/bin.js');

export interface ReplicaSpec {
  readonly id: string;
  readonly port: number;
  readonly dataDir: string;
}

export interface BerthClusterOptions {
  readonly replicas: number;
  readonly clusterId?: string;
  /** Extra `berth server` flags for every replica (e.g. ['--snapshot-entries', '100']). */
  readonly extraArgs?: readonly string[];
}

export class BerthCluster {
  readonly specs: ReplicaSpec[] = [];
  readonly procs = new Map<string, ManagedProcess>();
  private readonly clusterId: string;
  private readonly extraArgs: readonly string[];

  private constructor(
    private readonly res: Resources,
    private readonly root: string,
    options: BerthClusterOptions,
  ) {
    this.clusterId = options.clusterId ?? 'test';
    this.extraArgs = options.extraArgs ?? [];
  }

  /**
   * Starts `replicas` servers as one new cluster and waits until a leader is elected and has made
   * the namespaces every cluster has, so that tests that compare store revisions start after
   * the cluster's own first writes.
   */
  static async start(res: Resources, options: BerthClusterOptions): Promise<BerthCluster> {
    const root = await res.tempDir('berth-it-');
    const cluster = new BerthCluster(res, root, options);
    const ports = await freePorts(options.replicas);
    ports.forEach((port, i) => cluster.specs.push({ id: `r${i + 1}`, port, dataDir: join(root, `r${i + 1}`) }));
    for (const spec of cluster.specs) cluster.launch(spec, ['--peers', cluster.peerList()]);
    await cluster.waitForLeader();
    await cluster.waitForNamespaces();
    return cluster;
  }

  private async waitForNamespaces(): Promise<void> {
    const client = this.client();
    try {
      await waitFor(async () => (await client.kv.get('/registry/namespaces/berth-system').catch(() => undefined)) !== undefined, {
        what: 'the leader to make the default namespaces',
        timeoutMs: 20_000,
        intervalMs: 100,
      });
    } finally {
      client.close();
    }
  }

  peerList(specs: readonly ReplicaSpec[] = this.specs): string {
    return specs.map((s) => `${s.id}=127.0.0.1:${s.port}`).join(',');
  }

  endpoints(ids?: readonly string[]): string[] {
    return this.specs.filter((s) => ids === undefined || ids.includes(s.id)).map((s) => `127.0.0.1:${s.port}`);
  }

  spec(id: string): ReplicaSpec {
    const s = this.specs.find((x) => x.id === id);
    if (s === undefined) throw new Error(`no replica ${id}`);
    return s;
  }

  launch(spec: ReplicaSpec, args: readonly string[]): ManagedProcess {
    const proc = this.res.spawn({
      name: spec.id,
      command: process.execPath,
      args: [
        // BERTH_CPU_PROF=DIR: each replica writes a V8 CPU profile there when it stops (for benchmarks).
        ...(process.env['BERTH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BERTH_CPU_PROF']}`] : []),
        BIN, 'server', '--id', spec.id, '--listen', `127.0.0.1:${spec.port}`, '--data', spec.dataDir,
        '--cluster-id', this.clusterId, ...this.extraArgs, ...args,
      ],
      logFile: join(this.root, `${spec.id}.log`),
    });
    this.procs.set(spec.id, proc);
    return proc;
  }

  /** Restarts a stopped replica with the same data directory and flags. */
  restart(id: string): ManagedProcess {
    return this.launch(this.spec(id), ['--peers', this.peerList()]);
  }

  /** Adds a spec for a new replica that will start with --join (not yet a member). */
  async addSpec(id: string): Promise<ReplicaSpec> {
    const [port] = await freePorts(1);
    const spec = { id, port: port!, dataDir: join(this.root, id) };
    this.specs.push(spec);
    return spec;
  }

  client(ids?: readonly string[]): Client {
    return connect({ endpoints: this.endpoints(ids), timeoutMs: 5_000 });
  }

  /** The leader as seen by a majority-capable replica among `ids` (default: all running). */
  async leader(ids?: readonly string[]): Promise<string | undefined> {
    const alive = this.specs.filter((s) => (ids ?? [...this.procs.keys()]).includes(s.id) && this.procs.get(s.id)?.running);
    for (const s of alive) {
      const c = connect({ endpoints: [`127.0.0.1:${s.port}`], timeoutMs: 1_000 });
      try {
        const st = await c.cluster.status();
        if (st.leader !== '' && alive.some((a) => a.id === st.leader)) return st.leader;
      } catch {
        // This one is not answering yet; ask the next.
      } finally {
        c.close();
      }
    }
    return undefined;
  }

  async waitForLeader(ids?: readonly string[], timeoutMs = 20_000): Promise<string> {
    let leader: string | undefined;
    await waitFor(async () => (leader = await this.leader(ids)) !== undefined, {
      what: 'a leader to be elected',
      timeoutMs,
      intervalMs: 100,
    });
    return leader!;
  }

  logs(): string {
    return [...this.procs.values()].map((p) => `--- ${p.name}\n${p.logTail(30)}`).join('\n');
  }
}
