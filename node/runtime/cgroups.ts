// Cgroups for container instances, v2 (one unified hierarchy) or v1 (one hierarchy per
// controller: memory, cpu, cpuacct — as many hosts and containers still mount them). Each
// instance gets `<root>/<parent>/<podUid>/<name>-<attempt>`: a memory limit there makes the kernel
// OOM-kill the instance instead of the host, a CFS quota caps its CPU, and the cgroup's counters
// give its usage and let everything in it be killed at once.
//
// The process runtime writes the instance's pid into cgroup.procs from inside the child before it
// execs the program (see process-runtime.ts), so nothing runs outside the cgroup even briefly.
import { constants } from 'node:fs';
import { access, mkdir, readFile, readdir, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** CFS period for a cpu limit, in microseconds (the kernel's default period). */
export const CPU_PERIOD_US = 100_000;
/** The kernel refuses quotas under 1 ms. */
export const CPU_MIN_QUOTA_US = 1_000;
/** A cgroup whose last process just exited can stay busy briefly: rmdir retries this often … */
export const CGROUP_RMDIR_ATTEMPTS = 20;
/** … this far apart. */
export const CGROUP_RMDIR_RETRY_MS = 50;

/** Where cgroups are made on this host. */
export type CgroupSystem =
  | { readonly version: 2; readonly root: string }
  | { readonly version: 1; readonly memoryRoot: string; readonly cpuRoot: string; readonly cpuacctRoot: string };

/** One instance's cgroup directories (all three the same on v2). Kept in the state file. */
export interface CgroupPaths {
  readonly version: 1 | 2;
  readonly memory: string;
  readonly cpu: string;
  readonly cpuacct: string;
}

export interface CgroupLimits {
  readonly memoryLimitBytes?: number;
  readonly cpuLimitMillicores?: number;
}

async function exists(path: string, mode = constants.F_OK): Promise<boolean> {
  return access(path, mode).then(
    () => true,
    () => false,
  );
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

/** A v2 root is usable when it offers the memory and cpu controllers and we can write to it. */
async function v2At(root: string): Promise<CgroupSystem | undefined> {
  const controllers = (await readText(join(root, 'cgroup.controllers')))?.trim().split(/\s+/) ?? [];
  if (!controllers.includes('memory') || !controllers.includes('cpu')) return undefined;
  return (await exists(root, constants.W_OK)) ? { version: 2, root } : undefined;
}

/** v1 is usable when writable memory and cpu hierarchies exist (cpuacct may share cpu's). */
async function v1With(memoryRoot: string | undefined, cpuRoot: string | undefined, cpuacctRoot: string | undefined): Promise<CgroupSystem | undefined> {
  if (memoryRoot === undefined || cpuRoot === undefined) return undefined;
  const acct = cpuacctRoot ?? cpuRoot;
  for (const dir of new Set([memoryRoot, cpuRoot, acct])) if (!(await exists(dir, constants.W_OK))) return undefined;
  return { version: 1, memoryRoot, cpuRoot, cpuacctRoot: acct };
}

/** An explicit root: a v2 hierarchy if it has cgroup.controllers, else a directory of v1 ones. */
async function detectAt(root: string): Promise<CgroupSystem | undefined> {
  if (await exists(join(root, 'cgroup.controllers'))) return v2At(root);
  const first = async (...names: string[]): Promise<string | undefined> => {
    for (const n of names) if (await exists(join(root, n))) return join(root, n);
    return undefined;
  };
  return v1With(await first('memory'), await first('cpu', 'cpu,cpuacct'), await first('cpuacct', 'cpu,cpuacct'));
}

/** The cgroup mounts of /proc/self/mountinfo: mount point, fs type and super options. */
function parseMountinfo(text: string): { mountPoint: string; fsType: string; options: string[] }[] {
  const mounts = [];
  for (const line of text.split('\n')) {
    const [pre, post] = line.split(' - ');
    if (pre === undefined || post === undefined) continue;
    const mountPoint = (pre.split(' ')[4] ?? '').replace(/\\040/g, ' ');
    const [fsType = '', , superOptions = ''] = post.split(' ');
    if (fsType === 'cgroup' || fsType === 'cgroup2') mounts.push({ mountPoint, fsType, options: superOptions.split(',') });
  }
  return mounts;
}

/**
 * Finds usable cgroups: `root` as given, or from the mounts (v2 preferred when it has the memory
 * and cpu controllers, else v1 hierarchies). undefined: run without cgroups.
 */
export async function detectCgroups(root?: string): Promise<CgroupSystem | undefined> {
  if (root !== undefined) return detectAt(root);
  const mounts = parseMountinfo((await readText('/proc/self/mountinfo')) ?? '');
  for (const m of mounts.filter((x) => x.fsType === 'cgroup2')) {
    const sys = await v2At(m.mountPoint);
    if (sys !== undefined) return sys;
  }
  const v1 = (controller: string): string | undefined => mounts.find((m) => m.fsType === 'cgroup' && m.options.includes(controller))?.mountPoint;
  return v1With(v1('memory'), v1('cpu'), v1('cpuacct'));
}

/** The paths an instance's cgroup has (or will have) for `relPath` = `<parent>/<podUid>/<name>-<attempt>`. */
export function cgroupPathsFor(sys: CgroupSystem, relPath: string): CgroupPaths {
  if (sys.version === 2) {
    const dir = join(sys.root, relPath);
    return { version: 2, memory: dir, cpu: dir, cpuacct: dir };
  }
  return { version: 1, memory: join(sys.memoryRoot, relPath), cpu: join(sys.cpuRoot, relPath), cpuacct: join(sys.cpuacctRoot, relPath) };
}

/** The distinct directories of an instance's cgroup. */
export function cgroupDirs(paths: CgroupPaths): string[] {
  return [...new Set([paths.memory, paths.cpu, paths.cpuacct])];
}

/** The cgroup.procs files a new process writes its pid to (one per directory). */
export function procsFiles(paths: CgroupPaths): string[] {
  return cgroupDirs(paths).map((d) => join(d, 'cgroup.procs'));
}

/**
 * Creates an instance's cgroup. On v2 a child only gets the memory and cpu files when every
 * ancestor below the root delegates those controllers through cgroup.subtree_control.
 */
export async function createCgroup(sys: CgroupSystem, relPath: string): Promise<CgroupPaths> {
  const paths = cgroupPathsFor(sys, relPath);
  if (sys.version === 2) {
    let dir = sys.root;
    for (const part of relPath.split('/')) {
      await enableControllers(dir);
      dir = join(dir, part);
      await mkdir(dir, { recursive: true });
    }
  } else {
    for (const dir of cgroupDirs(paths)) await mkdir(dir, { recursive: true });
  }
  return paths;
}

async function enableControllers(dir: string): Promise<void> {
  const file = join(dir, 'cgroup.subtree_control');
  const enabled = (await readText(file))?.trim().split(/\s+/) ?? [];
  const missing = ['memory', 'cpu'].filter((c) => !enabled.includes(c));
  if (missing.length > 0) await writeFile(file, missing.map((c) => `+${c}`).join(' '));
}

/** The CFS quota for a cpu limit, in microseconds per CPU_PERIOD_US. */
export function cpuQuotaUs(millicores: number): number {
  return Math.max(CPU_MIN_QUOTA_US, Math.round((millicores * CPU_PERIOD_US) / 1000));
}

/** Writes the limits; swap is not allowed so that a memory limit is a real one. */
export async function applyLimits(paths: CgroupPaths, limits: CgroupLimits): Promise<void> {
  const mem = limits.memoryLimitBytes;
  const cpu = limits.cpuLimitMillicores;
  if (paths.version === 2) {
    if (mem !== undefined) {
      await writeFile(join(paths.memory, 'memory.max'), String(mem));
      if (await exists(join(paths.memory, 'memory.swap.max'))) await writeFile(join(paths.memory, 'memory.swap.max'), '0');
    }
    if (cpu !== undefined) await writeFile(join(paths.cpu, 'cpu.max'), `${cpuQuotaUs(cpu)} ${CPU_PERIOD_US}`);
    return;
  }
  if (mem !== undefined) {
    // memsw (memory + swap) must stay >= the memory limit, so it is written second.
    await writeFile(join(paths.memory, 'memory.limit_in_bytes'), String(mem));
    if (await exists(join(paths.memory, 'memory.memsw.limit_in_bytes'))) await writeFile(join(paths.memory, 'memory.memsw.limit_in_bytes'), String(mem));
  }
  if (cpu !== undefined) {
    await writeFile(join(paths.cpu, 'cpu.cfs_period_us'), String(CPU_PERIOD_US));
    await writeFile(join(paths.cpu, 'cpu.cfs_quota_us'), String(cpuQuotaUs(cpu)));
  }
}

function statField(text: string | undefined, key: string): number | undefined {
  if (text === undefined) return undefined;
  const m = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
  return m === null ? undefined : Number(m[1]);
}

/**
 * CPU time used (ns) and memory in use (bytes) by the cgroup. Inactive page cache is left out of
 * memory: the kernel drops it before it OOM-kills, so it is not what the container needs.
 */
export async function cgroupUsage(paths: CgroupPaths): Promise<{ cpuNanos: number; memoryBytes: number } | undefined> {
  const v2 = paths.version === 2;
  const [current, stat, cpu] = await Promise.all([
    readText(join(paths.memory, v2 ? 'memory.current' : 'memory.usage_in_bytes')),
    readText(join(paths.memory, 'memory.stat')),
    readText(join(paths.cpuacct, v2 ? 'cpu.stat' : 'cpuacct.usage')),
  ]);
  if (current === undefined || cpu === undefined) return undefined;
  const inactive = statField(stat, v2 ? 'inactive_file' : 'total_inactive_file') ?? 0;
  const memoryBytes = Math.max(0, Number(current.trim()) - inactive);
  const cpuNanos = v2 ? (statField(cpu, 'usage_usec') ?? 0) * 1000 : Number(cpu.trim());
  return Number.isFinite(memoryBytes) && Number.isFinite(cpuNanos) ? { cpuNanos, memoryBytes } : undefined;
}

/** True when the kernel's OOM killer has killed a process of the cgroup. */
export async function oomKilled(paths: CgroupPaths): Promise<boolean> {
  const text = await readText(join(paths.memory, paths.version === 2 ? 'memory.events' : 'memory.oom_control'));
  return (statField(text, 'oom_kill') ?? 0) > 0;
}

/** The pids in the cgroup (all of its directories). */
export async function cgroupPids(paths: CgroupPaths): Promise<number[]> {
  const pids = new Set<number>();
  for (const dir of cgroupDirs(paths)) {
    for (const line of ((await readText(join(dir, 'cgroup.procs'))) ?? '').split('\n')) if (/^\d+$/.test(line)) pids.add(Number(line));
  }
  return [...pids];
}

/** SIGKILLs everything in the cgroup: cgroup.kill where the kernel has it (v2, 5.14+), else pid by pid. */
export async function killCgroup(paths: CgroupPaths): Promise<void> {
  const killFile = join(paths.memory, 'cgroup.kill');
  if (paths.version === 2 && (await exists(killFile))) {
    await writeFile(killFile, '1').catch(() => undefined);
    return;
  }
  for (const pid of await cgroupPids(paths)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

async function rmdirRetrying(dir: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rmdir(dir);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== 'EBUSY' || attempt >= CGROUP_RMDIR_ATTEMPTS) throw err;
      await sleep(CGROUP_RMDIR_RETRY_MS);
    }
  }
}

/** Removes an instance's cgroup (its processes must be gone). */
export async function removeCgroup(paths: CgroupPaths): Promise<void> {
  for (const dir of cgroupDirs(paths)) await rmdirRetrying(dir);
}

/** Removes a pod's cgroup directory and whatever instance cgroups are left in it. */
export async function removePodCgroups(sys: CgroupSystem, relPodPath: string): Promise<void> {
  const roots = sys.version === 2 ? [sys.root] : [...new Set([sys.memoryRoot, sys.cpuRoot, sys.cpuacctRoot])];
  for (const root of roots) {
    const podDir = join(root, relPodPath);
    const entries = await readdir(podDir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isDirectory()) await rmdirRetrying(join(podDir, e.name));
    await rmdirRetrying(podDir);
  }
}
