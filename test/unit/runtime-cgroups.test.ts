// Proves that cgroup v1 and v2 trees are detected and written correctly (limits, usage, OOM events), that an instance is in its cgroup before it runs, and, where this host's cgroups are usable, that a memory limit ends an over-limit container as OOMKilled.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyLimits, cgroupPathsFor, cgroupUsage, cpuQuotaUs, createCgroup, detectCgroups, oomKilled } from '../../node/runtime/cgroups.js';
import type { CgroupSystem } from '../../node/runtime/cgroups.js';
import { createProcessRuntime } from '../../node/runtime/index.js';
import type { ContainerConfig, ProcessRuntime } from '../../node/runtime/index.js';
import { waitFor } from '../support/procs.js';

const PATH = process.env.PATH ?? '/usr/bin:/bin';
const WAIT = { timeoutMs: 20_000 };

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-cg-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function config(dataDir: string, argv: string[], over: Partial<ContainerConfig> = {}): ContainerConfig {
  const podUid = over.podUid ?? 'pod-a';
  const name = over.name ?? 'c';
  return {
    podUid,
    namespace: 'default',
    podName: 'p',
    name,
    attempt: 0,
    init: false,
    image: 'none',
    argv,
    env: { PATH },
    workingDir: join(dataDir, 'pods', podUid, 'containers', name),
    mounts: [],
    ports: [],
    ...over,
  };
}

describe('a fake v1 tree', () => {
  it('is detected, and gets limits in memory and cpu with the default period', async () => {
    for (const c of ['memory', 'cpu', 'cpuacct']) await mkdir(join(dir, c));
    const sys = await detectCgroups(dir);
    expect(sys).toEqual({ version: 1, memoryRoot: join(dir, 'memory'), cpuRoot: join(dir, 'cpu'), cpuacctRoot: join(dir, 'cpuacct') });
    const paths = await createCgroup(sys!, 'berth/pod-a/c-0');
    expect(paths.memory).toBe(join(dir, 'memory/berth/pod-a/c-0'));
    await writeFile(join(paths.memory, 'memory.memsw.limit_in_bytes'), '');
    await applyLimits(paths, { memoryLimitBytes: 32 * 1024 * 1024, cpuLimitMillicores: 250 });
    expect(await readFile(join(paths.memory, 'memory.limit_in_bytes'), 'utf8')).toBe(String(32 * 1024 * 1024));
    expect(await readFile(join(paths.memory, 'memory.memsw.limit_in_bytes'), 'utf8')).toBe(String(32 * 1024 * 1024));
    expect(await readFile(join(paths.cpu, 'cpu.cfs_period_us'), 'utf8')).toBe('100000');
    expect(await readFile(join(paths.cpu, 'cpu.cfs_quota_us'), 'utf8')).toBe('25000');
  });

  it('reads usage without inactive page cache, and the OOM kill counter', async () => {
    const sys: CgroupSystem = { version: 1, memoryRoot: join(dir, 'm'), cpuRoot: join(dir, 'c'), cpuacctRoot: join(dir, 'a') };
    const paths = await createCgroup(sys, 'x');
    await writeFile(join(paths.memory, 'memory.usage_in_bytes'), '10000\n');
    await writeFile(join(paths.memory, 'memory.stat'), 'cache 5000\ntotal_inactive_file 3000\n');
    await writeFile(join(paths.cpuacct, 'cpuacct.usage'), '123456789\n');
    expect(await cgroupUsage(paths)).toEqual({ cpuNanos: 123456789, memoryBytes: 7000 });
    await writeFile(join(paths.memory, 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 0\n');
    expect(await oomKilled(paths)).toBe(false);
    await writeFile(join(paths.memory, 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 1\n');
    expect(await oomKilled(paths)).toBe(true);
  });

  it('is not usable without a cpu hierarchy', async () => {
    await mkdir(join(dir, 'memory'));
    expect(await detectCgroups(dir)).toBeUndefined();
  });
});

describe('a fake v2 tree', () => {
  it('delegates controllers down the path and writes memory.max, swap and cpu.max', async () => {
    await writeFile(join(dir, 'cgroup.controllers'), 'cpuset cpu io memory pids\n');
    const sys = await detectCgroups(dir);
    expect(sys).toEqual({ version: 2, root: dir });
    const paths = await createCgroup(sys!, 'berth/pod-a/c-0');
    for (const d of ['', 'berth', 'berth/pod-a']) expect(await readFile(join(dir, d, 'cgroup.subtree_control'), 'utf8')).toBe('+memory +cpu');
    await writeFile(join(paths.memory, 'memory.swap.max'), 'max');
    await applyLimits(paths, { memoryLimitBytes: 1 << 20, cpuLimitMillicores: 1500 });
    expect(await readFile(join(paths.memory, 'memory.max'), 'utf8')).toBe(String(1 << 20));
    expect(await readFile(join(paths.memory, 'memory.swap.max'), 'utf8')).toBe('0');
    expect(await readFile(join(paths.cpu, 'cpu.max'), 'utf8')).toBe('150000 100000');
    await writeFile(join(paths.memory, 'memory.current'), '5000\n');
    await writeFile(join(paths.memory, 'memory.stat'), 'anon 4000\ninactive_file 1000\n');
    await writeFile(join(paths.cpu, 'cpu.stat'), 'usage_usec 42\nuser_usec 40\n');
    expect(await cgroupUsage(paths)).toEqual({ cpuNanos: 42_000, memoryBytes: 4000 });
    await writeFile(join(paths.memory, 'memory.events'), 'low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n');
    expect(await oomKilled(paths)).toBe(true);
  });

  it('is not used when memory or cpu is not offered', async () => {
    await writeFile(join(dir, 'cgroup.controllers'), 'io pids\n');
    expect(await detectCgroups(dir)).toBeUndefined();
  });

  it('never gives a quota under the kernel minimum', () => {
    expect(cpuQuotaUs(1)).toBe(1000);
    expect(cpuQuotaUs(1000)).toBe(100_000);
  });
});

describe('the runtime on a fake tree', () => {
  let rt: ProcessRuntime | undefined;

  afterEach(async () => {
    await rt?.removePod('pod-a');
    await rt?.close();
    rt = undefined;
  });

  it('puts the process into its cgroup before the program runs', async () => {
    const cgroupRoot = join(dir, 'cgroup');
    for (const c of ['memory', 'cpu', 'cpuacct']) await mkdir(join(cgroupRoot, c), { recursive: true });
    const dataDir = join(dir, 'data');
    rt = createProcessRuntime({ dataDir, cgroupRoot });
    // The program reads its own cgroup.procs entry: it is there before the program starts.
    const procs = join(cgroupRoot, 'memory/berth/pod-a/c-0/cgroup.procs');
    const inst = await rt.start(config(dataDir, ['/bin/sh', '-c', `cat '${procs}'; echo $$`], { memoryLimitBytes: 1 << 30 }));
    await waitFor(() => rt?.status(inst.id)?.state.state === 'exited', { what: 'exit', ...WAIT });
    expect(rt.status(inst.id)?.state).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const out = (await readFile(join(dataDir, 'pods/pod-a/logs/c/0.log'), 'utf8')).trim().split('\n');
    expect(out[0]).toBe(out[1]);
    expect(out[0]).toBe(String(inst.state.state === 'running' ? inst.state.pid : -1));
    expect(await readFile(join(cgroupRoot, 'cpuacct/berth/pod-a/c-0/cgroup.procs'), 'utf8')).toBe(`${out[0]}\n`);
  });
});

// --- the host's real cgroups, when this process may use them ---------------------------------

const hostCgroups = await detectCgroups().catch(() => undefined);
const why = hostCgroups === undefined ? 'no writable cgroup v1 (memory + cpu) or v2 (with memory and cpu controllers) on this host' : '';
if (hostCgroups === undefined) console.log(`skipping real-cgroup tests: ${why}`);

describe.skipIf(hostCgroups === undefined)('real cgroups', () => {
  const parent = `berth-test-${randomUUID().slice(0, 8)}`;
  let rt: ProcessRuntime;
  let dataDir: string;
  const uid = randomUUID();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'berth-cgrt-'));
    rt = createProcessRuntime({ dataDir, cgroupParent: parent });
  });

  afterAll(async () => {
    await rt.removePod(uid);
    await rt.close();
    await rm(dataDir, { recursive: true, force: true });
    const sys = hostCgroups!;
    const roots = sys.version === 2 ? [sys.root] : [...new Set([sys.memoryRoot, sys.cpuRoot, sys.cpuacctRoot])];
    for (const root of roots) await rmdir(join(root, parent)).catch(() => undefined);
  });

  it('ends a container over its memory limit as OOMKilled with exit code 137', async () => {
    const alloc = 'const a=[];for(let i=0;i<200;i++){const b=Buffer.alloc(1<<20);b.fill(i);a.push(b)}setTimeout(()=>{},2000)';
    const inst = await rt.start(config(dataDir, [process.execPath, '-e', alloc], { podUid: uid, name: 'hog', memoryLimitBytes: 32 * 1024 * 1024 }));
    expect(inst.state.state).toBe('running');
    await waitFor(() => rt.status(inst.id)?.state.state === 'exited', { what: 'the OOM kill', ...WAIT });
    expect(rt.status(inst.id)?.state).toMatchObject({ state: 'exited', exitCode: 137, signal: 'SIGKILL', reason: 'OOMKilled' });
    const paths = cgroupPathsFor(hostCgroups!, join(parent, uid, 'hog-0'));
    await expect(readFile(join(paths.memory, 'cgroup.procs'))).rejects.toThrow();
  });

  it('writes the cpu quota, measures usage from the cgroup and kills the group on stop', async () => {
    const inst = await rt.start(config(dataDir, ['/bin/sh', '-c', 'while :; do :; done'], { podUid: uid, name: 'spin', cpuLimitMillicores: 250 }));
    const paths = cgroupPathsFor(hostCgroups!, join(parent, uid, 'spin-0'));
    if (paths.version === 2) expect((await readFile(join(paths.cpu, 'cpu.max'), 'utf8')).trim()).toBe('25000 100000');
    else expect((await readFile(join(paths.cpu, 'cpu.cfs_quota_us'), 'utf8')).trim()).toBe('25000');
    await rt.usage(inst.id);
    await waitFor(async () => ((await rt.usage(inst.id))?.cpuMillicores ?? 0) > 50, { what: 'cpu usage from the cgroup', intervalMs: 500, ...WAIT });
    // The quota holds it near 250m (with slack for accounting on a loaded machine).
    await new Promise((r) => setTimeout(r, 1000));
    const u = await rt.usage(inst.id);
    expect(u?.cpuMillicores).toBeLessThan(450);
    expect(u?.memoryBytes).toBeGreaterThan(0);
    const stopped = await rt.stop(inst.id, 100);
    expect(stopped.state).toMatchObject({ state: 'exited', exitCode: 143, reason: 'Error' });
    await expect(readFile(join(paths.cpu, 'cgroup.procs'))).rejects.toThrow();
  });
});
