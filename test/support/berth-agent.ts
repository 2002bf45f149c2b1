// Real `berth agent` processes for tests and benchmarks: started against a BerthCluster, each
// with its own data directory under the test's temp dir. Pod processes outlive a killed agent
// (they are their own process groups), so cleanup() also kills every process group the agents'
// runtimes recorded in their state files, and those running in the agents' container directories
// — only processes these agents started.
import { readdir, readFile, readlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AGENT_NODE_FLAGS } from '../../node/index.js';
import { detectCgroups, removePodCgroups } from '../../node/runtime/index.js';
import type { BerthCluster } from './berth-cluster.js';
import type { ManagedProcess, Resources } from './procs.js';

const BIN = resolve(new URL('../../', import.meta.url).pathname.replace(/\/dist\/$/, '/'), 'client/cli/bin.js');

/** Where the process runtime puts pod cgroups (its default cgroupParent). */
const CGROUP_PARENT = 'berth';

/** Flags that make crash-loop tests quick; the defaults are 1 s .. 60 s. */
export const FAST_RESTARTS = ['--restart-backoff-min-ms', '200', '--restart-backoff-max-ms', '2000'];

export class BerthAgents {
  readonly procs = new Map<string, ManagedProcess>();
  private readonly dataDirs = new Map<string, string>();

  constructor(
    private readonly res: Resources,
    private readonly cluster: BerthCluster,
    private readonly root: string,
  ) {}

  static async create(res: Resources, cluster: BerthCluster): Promise<BerthAgents> {
    return new BerthAgents(res, cluster, await res.tempDir('berth-agents-'));
  }

  dataDir(name: string): string {
    let dir = this.dataDirs.get(name);
    if (dir === undefined) {
      dir = join(this.root, name);
      this.dataDirs.set(name, dir);
    }
    return dir;
  }

  /** Starts (or restarts, on the same data directory) the agent of node `name`. */
  start(name: string, extraArgs: readonly string[] = []): ManagedProcess {
    const proc = this.res.spawn({
      name: `agent-${name}`,
      command: process.execPath,
      args: [...AGENT_NODE_FLAGS, BIN, 'agent', '--server', this.cluster.endpoints().join(','), '--name', name, '--data', this.dataDir(name), ...extraArgs],
      logFile: join(this.root, `${name}.log`),
    });
    this.procs.set(name, proc);
    return proc;
  }

  logs(): string {
    return [...this.procs.values()].map((p) => `--- ${p.name}\n${p.logTail(40)}`).join('\n');
  }

  /** Process groups of every container instance the agents' runtimes recorded. */
  async recordedGroups(): Promise<number[]> {
    const groups = new Set<number>();
    for (const dir of this.dataDirs.values()) {
      const pods = await readdir(join(dir, 'pods')).catch(() => [] as string[]);
      for (const uid of pods) {
        const files = await readdir(join(dir, 'pods', uid, 'instances')).catch(() => [] as string[]);
        for (const f of files.filter((x) => x.endsWith('.json'))) {
          try {
            const st = JSON.parse(await readFile(join(dir, 'pods', uid, 'instances', f), 'utf8')) as { pgid?: number };
            if (typeof st.pgid === 'number' && st.pgid > 1) groups.add(st.pgid);
          } catch {
            // A state file being rewritten: the group is also in another instance or already gone.
          }
        }
      }
    }
    return [...groups];
  }

  /**
   * Process groups of processes running in a container directory of these agents (their cwd):
   * a container started just before its agent was killed may not be in a state file yet.
   */
  async groupsInDataDirs(): Promise<number[]> {
    const dirs = [...this.dataDirs.values()].map((d) => `${d}/`);
    const groups = new Set<number>();
    for (const pid of await readdir('/proc').catch(() => [] as string[])) {
      if (!/^\d+$/.test(pid)) continue;
      const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
      if (!dirs.some((d) => cwd.startsWith(d))) continue;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      // Field 5 of /proc/PID/stat, counted after the command name's closing parenthesis.
      const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (Number.isInteger(pgid) && pgid > 1) groups.add(pgid);
    }
    return [...groups];
  }

  /** Stops the agents, then kills whatever pod processes they left and removes their cgroups. */
  async cleanup(): Promise<void> {
    await Promise.all([...this.procs.values()].map((p) => p.kill()));
    for (const pgid of new Set([...(await this.recordedGroups()), ...(await this.groupsInDataDirs())])) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    // The cgroups of pods whose agent was killed: nobody else will remove them.
    const sys = await detectCgroups().catch(() => undefined);
    if (sys === undefined) return;
    for (const dir of this.dataDirs.values()) {
      for (const uid of await readdir(join(dir, 'pods')).catch(() => [] as string[])) {
        await removePodCgroups(sys, join(CGROUP_PARENT, uid)).catch(() => undefined);
      }
    }
  }
}
