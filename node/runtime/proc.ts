// Reading /proc: a process's start time (so a PID that the kernel reused for another program is
// not mistaken for our container), its process group, CPU ticks and RSS; and the host's usage
// and capacity for the node's heartbeat. Linux only; elsewhere the readers return undefined.
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

/** USER_HZ: the unit of /proc/<pid>/stat times. 100 on every Linux architecture berth targets. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat that the runtime uses. */
export interface ProcStat {
  readonly pid: number;
  /** One letter: R, S, D, Z (zombie), T, … */
  readonly state: string;
  readonly ppid: number;
  readonly pgid: number;
  /** utime + stime, in clock ticks. */
  readonly cpuTicks: number;
  /** Field 22: when the process started, in clock ticks after boot; with the pid, unique. */
  readonly startTimeTicks: number;
}

/** Parses /proc/<pid>/stat text; the command name (field 2) may hold spaces and parentheses. */
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const pid = Number.parseInt(text, 10);
  // After ")" come fields 3, 4, …: field n is at index n - 3.
  const f = text.slice(close + 2).trim().split(' ');
  const num = (n: number): number => Number(f[n - 3]);
  const stat = { pid, state: f[0] ?? '?', ppid: num(4), pgid: num(5), cpuTicks: num(14) + num(15), startTimeTicks: num(22) };
  return Number.isFinite(stat.cpuTicks) && Number.isFinite(stat.startTimeTicks) && Number.isFinite(stat.pgid) ? stat : undefined;
}

export function readProcStatSync(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

async function readProcStat(pid: number): Promise<ProcStat | undefined> {
  try {
    return parseProcStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * True when `pid` is running and is the process that started at `startTimeTicks` (0: unknown,
 * then the pid alone decides). A zombie counts as gone: it has exited, only its parent has not
 * collected it yet.
 */
export function isSameProcessAlive(pid: number, startTimeTicks: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readProcStatSync(pid);
  if (stat === undefined) return false;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return startTimeTicks === 0 || stat.startTimeTicks === startTimeTicks;
}

/** The live (non-zombie) processes of a process group, started no earlier than `minStartTicks`. */
/** A scan of every process under way: concurrent callers share it instead of each reading /proc. */
let scanning: Promise<ProcStat[]> | undefined;

async function scanAll(): Promise<ProcStat[]> {
  let names: string[];
  try {
    names = await readdir('/proc');
  } catch {
    return [];
  }
  const stats = await Promise.all(names.filter((n) => /^\d+$/.test(n)).map((n) => readProcStat(Number(n))));
  return stats.filter((s): s is ProcStat => s !== undefined);
}

function scanProcesses(): Promise<ProcStat[]> {
  scanning ??= scanAll().finally(() => (scanning = undefined));
  return scanning;
}

/** The live members of process group `pgid` that started no earlier than `minStartTicks`. */
export async function processGroupMembers(pgid: number, minStartTicks = 0): Promise<ProcStat[]> {
  const all = await scanProcesses();
  return all.filter((s) => s.pgid === pgid && s.state !== 'Z' && s.startTimeTicks >= minStartTicks);
}

/**
 * Whether the group has a live member that started no earlier than `minStartTicks`. The group's
 * leader (pid = pgid) answers it with one read; only when the leader is gone are all processes
 * scanned, for members it left behind.
 */
export async function processGroupAlive(pgid: number, minStartTicks = 0): Promise<boolean> {
  const leader = await readProcStat(pgid);
  if (leader !== undefined && leader.pgid === pgid && leader.state !== 'Z' && leader.startTimeTicks >= minStartTicks) return true;
  return (await processGroupMembers(pgid, minStartTicks)).length > 0;
}

/** Resident memory of a process (VmRSS in /proc/<pid>/status), in bytes; 0 when unknown. */
async function rssBytes(pid: number): Promise<number> {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m === null ? 0 : Number(m[1]) * 1024;
  } catch {
    return 0;
  }
}

/** CPU time (ns) and RSS summed over a process group: the usage of an instance without cgroups. */
export async function processGroupUsage(pgid: number, minStartTicks: number): Promise<{ cpuNanos: number; memoryBytes: number } | undefined> {
  const members = await processGroupMembers(pgid, minStartTicks);
  if (members.length === 0) return undefined;
  const rss = await Promise.all(members.map((m) => rssBytes(m.pid)));
  const ticks = members.reduce((sum, m) => sum + m.cpuTicks, 0);
  return { cpuNanos: (ticks * 1e9) / CLOCK_TICKS_PER_SECOND, memoryBytes: rss.reduce((a, b) => a + b, 0) };
}

/** Seconds since boot, from /proc/uptime: turns a start time in ticks into a date. */
export function bootTimeMs(): number | undefined {
  try {
    const up = Number.parseFloat(readFileSync('/proc/uptime', 'utf8'));
    return Number.isFinite(up) ? Date.now() - up * 1000 : undefined;
  } catch {
    return undefined;
  }
}

// --- the host ------------------------------------------------------------------------------

export interface HostUsage {
  readonly cpuMillicores: number;
  readonly memoryBytes: number;
}

/** Busy and total jiffies of all CPUs, from the first line of /proc/stat. */
function cpuJiffies(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user and nice).
    const total = v.slice(0, 8).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return total > 0 ? { busy: total - idle, total } : undefined;
  } catch {
    return undefined;
  }
}

/** MemTotal - MemAvailable from /proc/meminfo, in bytes: memory the host cannot give away. */
function memoryInUse(): number | undefined {
  try {
    const text = readFileSync('/proc/meminfo', 'utf8');
    const kb = (key: string): number | undefined => {
      const m = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text);
      return m === null ? undefined : Number(m[1]);
    };
    const total = kb('MemTotal');
    const available = kb('MemAvailable');
    return total === undefined || available === undefined ? undefined : (total - available) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * A meter of host usage: each call returns the CPU used since the previous call (since boot for
 * the first) and memory in use now. Synchronous: /proc reads are memory reads.
 */
export function createHostUsageMeter(): () => HostUsage | undefined {
  let prev = { busy: 0, total: 0 };
  return () => {
    const now = cpuJiffies();
    const memoryBytes = memoryInUse();
    if (now === undefined || memoryBytes === undefined) return undefined;
    const total = now.total - prev.total;
    const busy = now.busy - prev.busy;
    prev = now;
    const cpuMillicores = total > 0 ? Math.max(0, (busy / total) * cpus().length * 1000) : 0;
    return { cpuMillicores, memoryBytes };
  };
}

/** The host's usage since the previous call of this function (one meter shared by its callers). */
export const hostUsage: () => HostUsage | undefined = createHostUsageMeter();

/** A cgroup's memory limit of this process (v2 memory.max or v1 memory.limit_in_bytes), if any. */
function ownCgroupMemoryLimit(): number | undefined {
  try {
    const lines = readFileSync('/proc/self/cgroup', 'utf8').split('\n');
    const v2 = lines.find((l) => l.startsWith('0::'));
    const v1 = lines.find((l) => /^\d+:([^:]*,)?memory(,[^:]*)?:/.test(l));
    const file = v1 !== undefined ? `/sys/fs/cgroup/memory${v1.slice(v1.lastIndexOf(':') + 1)}/memory.limit_in_bytes` : `/sys/fs/cgroup${v2?.slice(3) ?? '/'}/memory.max`;
    const value = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** What the host offers pods: its CPUs, and its memory or the agent's cgroup limit if smaller. */
export function hostCapacity(): { cpuCores: number; memoryBytes: number } {
  const limit = ownCgroupMemoryLimit();
  const memoryBytes = limit !== undefined && limit < totalmem() ? limit : totalmem();
  return { cpuCores: cpus().length, memoryBytes };
}
