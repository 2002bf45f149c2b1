// Proves that the process runtime runs real process groups as containers: exit codes, start errors, exact env, logs (tail, limit, previous, follow, rotation), stop with grace, no orphans, recovery by a new agent process, exec and usage.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBerthError } from '../../client/index.js';
import { compileProcessRuntimeOptions, createHostUsageMeter, createProcessRuntime, hostCapacity } from '../../node/runtime/index.js';
import type { ContainerConfig, ContainerInstance, ProcessRuntime, ProcessRuntimeOptions } from '../../node/runtime/index.js';
import { waitFor } from '../support/procs.js';

const PATH = process.env.PATH ?? '/usr/bin:/bin';
const WAIT = { timeoutMs: 15_000 };

let dataDir: string;
let runtimes: ProcessRuntime[];
let pods: Set<string>;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'berth-rt-'));
  runtimes = [];
  pods = new Set();
});

afterEach(async () => {
  // A fresh runtime adopts whatever any runtime of the test left running, and kills it.
  const cleaner = createProcessRuntime({ dataDir, cgroupRoot: 'off' });
  await cleaner.recover();
  for (const uid of pods) await cleaner.removePod(uid);
  for (const rt of [...runtimes, cleaner]) await rt.close();
  await rm(dataDir, { recursive: true, force: true });
});

function runtime(options: Partial<ProcessRuntimeOptions> = {}): ProcessRuntime {
  const rt = createProcessRuntime({ dataDir, cgroupRoot: 'off', logFollowPollMs: 20, adoptedPollMs: 50, ...options });
  runtimes.push(rt);
  return rt;
}

function containerDir(uid: string, name: string): string {
  return join(dataDir, 'pods', uid, 'containers', name);
}

function config(argv: string[], over: Partial<ContainerConfig> = {}): ContainerConfig {
  const podUid = over.podUid ?? 'pod-a';
  const name = over.name ?? 'c';
  pods.add(podUid);
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
    workingDir: containerDir(podUid, name),
    mounts: [],
    ports: [],
    ...over,
  };
}

function sh(script: string, over: Partial<ContainerConfig> = {}): ContainerConfig {
  return config(['/bin/sh', '-c', script], over);
}

async function exited(rt: ProcessRuntime, id: string): Promise<ContainerInstance> {
  await waitFor(() => rt.status(id)?.state.state === 'exited', { what: `${id} to exit`, ...WAIT });
  return rt.status(id)!;
}

async function text(source: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of source) parts.push(c);
  return Buffer.concat(parts).toString();
}

function logs(rt: ProcessRuntime, name: string, opts: { tailLines?: number; limitBytes?: number; previous?: boolean } = {}, uid = 'pod-a'): Promise<string> {
  return text(rt.logs(uid, name, { follow: false, previous: opts.previous ?? false, signal: new AbortController().signal, ...opts }));
}

/** Alive and not a zombie: a zombie has exited, only its parent has not collected it yet. */
async function alive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isBerthError(err) ? err.code : err).toBe(code);
}

describe('start and exit', () => {
  it('records Completed for exit 0 and Error with the code otherwise', async () => {
    const rt = runtime();
    const ok = await rt.start(sh('exit 0'));
    expect(ok.state.state).toBe('running');
    expect(ok.id).toBe('pod-a/c/0');
    const fail = await rt.start(sh('sleep 0.2; exit 3', { name: 'd' }));
    expect((await exited(rt, ok.id)).state).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
    expect((await exited(rt, fail.id)).state).toMatchObject({ state: 'exited', exitCode: 3, reason: 'Error' });
  });

  it('fires onExit once per exit, after the exit is on disk', async () => {
    const rt = runtime();
    const seen: ContainerInstance[] = [];
    const onDisk: boolean[] = [];
    rt.onExit((inst) => {
      seen.push(inst);
      const record = join(dataDir, 'pods', 'pod-a', 'instances', 'c-0.json');
      onDisk.push(readFileSync(record, 'utf8').includes('"exited"'));
    });
    const inst = await rt.start(sh('exit 7'));
    await exited(rt, inst.id);
    await waitFor(() => seen.length === 1, { what: 'onExit', ...WAIT });
    expect(seen[0]?.state).toMatchObject({ exitCode: 7, reason: 'Error' });
    expect(onDisk).toEqual([true]);
  });

  it('resolves a missing command, a non-executable file and a bad workingDir to StartError', async () => {
    const rt = runtime();
    const missing = await rt.start(config(['no-such-command-xyz']));
    expect(missing.state).toMatchObject({ state: 'exited', exitCode: 128, reason: 'StartError', message: 'exec: "no-such-command-xyz": executable file not found in $PATH' });
    const file = join(dataDir, 'not-executable');
    await writeFile(file, 'echo hi\n');
    const notExec = await rt.start(config([file], { name: 'd' }));
    expect(notExec.state).toMatchObject({ reason: 'StartError', message: `exec: "${file}": permission denied` });
    const badCwd = await rt.start(config(['true'], { name: 'e', workingDir: join(dataDir, 'nowhere') }));
    expect(badCwd.state).toMatchObject({ reason: 'StartError', exitCode: 128 });
    expect(badCwd.state.state === 'exited' ? badCwd.state.message : '').toContain('no such file or directory');
  });

  it('gives the process exactly the env it was given, and finds argv[0] in a default PATH', async () => {
    const rt = runtime();
    const inst = await rt.start(config(['env'], { env: { FOO: 'bar', EMPTY: '' } }));
    expect((await exited(rt, inst.id)).state).toMatchObject({ exitCode: 0 });
    expect((await logs(rt, 'c')).split('\n').sort()).toEqual(['', 'EMPTY=', 'FOO=bar']);
  });

  it('runs in the working directory and makes mounts visible as symlinks there', async () => {
    const rt = runtime();
    const vol = join(dataDir, 'volume');
    await mkdir(vol);
    await writeFile(join(vol, 'greeting'), 'hello from a volume\n');
    const mounts = [{ name: 'v', hostPath: vol, mountPath: '/etc/app', readOnly: true }];
    const inst = await rt.start(sh('pwd; cat etc/app/greeting', { mounts }));
    await exited(rt, inst.id);
    expect(await logs(rt, 'c')).toBe(`${containerDir('pod-a', 'c')}\nhello from a volume\n`);
  });
});

describe('logs', () => {
  it('interleaves stdout and stderr and honours tailLines, limitBytes and previous', async () => {
    const rt = runtime();
    const first = await rt.start(sh('echo out; echo err >&2; echo out2'));
    await exited(rt, first.id);
    expect(await logs(rt, 'c')).toBe('out\nerr\nout2\n');
    expect(await logs(rt, 'c', { tailLines: 2 })).toBe('err\nout2\n');
    expect(await logs(rt, 'c', { limitBytes: 5 })).toBe('out\ne');
    await expectCode(logs(rt, 'c', { previous: true }), 'NOT_FOUND');
    await expectCode(logs(rt, 'nope'), 'NOT_FOUND');
    const second = await rt.start(sh('echo second', { attempt: 1 }));
    await exited(rt, second.id);
    expect(await logs(rt, 'c')).toBe('second\n');
    expect(await logs(rt, 'c', { previous: true })).toBe('out\nerr\nout2\n');
  });

  it('follows appended output and continues with a restarted instance', async () => {
    const rt = runtime();
    const first = await rt.start(sh('echo one; while [ ! -f go ]; do sleep 0.05; done; echo two'));
    const ac = new AbortController();
    let seen = '';
    const following = (async () => {
      for await (const c of rt.logs('pod-a', 'c', { follow: true, previous: false, signal: ac.signal })) seen += c.toString();
    })();
    await waitFor(() => seen === 'one\n', { what: 'the first line', ...WAIT });
    await writeFile(join(containerDir('pod-a', 'c'), 'go'), '');
    await waitFor(() => seen === 'one\ntwo\n', { what: 'the appended line', ...WAIT });
    await exited(rt, first.id);
    await rt.start(sh('echo three', { attempt: 1 }));
    await waitFor(() => seen === 'one\ntwo\nthree\n', { what: "the restarted instance's line", ...WAIT });
    ac.abort();
    await following;
  });

  it('rotates at logMaxBytes and keeps disk bounded, and prunes old attempts', async () => {
    const logMaxBytes = 1024;
    const rt = runtime({ logMaxBytes, logMaxFiles: 1, logCheckIntervalMs: 20, instancesKeptPerContainer: 2 });
    // About 20 KiB in bursts of 205 bytes.
    const inst = await rt.start(sh('for i in $(seq 1 100); do seq 1000 1040; sleep 0.02; done'));
    await exited(rt, inst.id);
    const dir = join(dataDir, 'pods', 'pod-a', 'logs', 'c');
    expect((await readdir(dir)).sort()).toEqual(['0.log', '0.log.1']);
    let total = 0;
    for (const f of await readdir(dir)) total += (await stat(join(dir, f))).size;
    // (logMaxFiles + 1) × logMaxBytes, plus what is written between two checks on a loaded machine.
    expect(total).toBeLessThanOrEqual(2 * logMaxBytes + 4096);
    const tail = await logs(rt, 'c', { tailLines: 3 });
    expect(tail).toBe('1038\n1039\n1040\n');
    for (const attempt of [1, 2]) await exited(rt, (await rt.start(sh(`echo ${attempt}`, { attempt }))).id);
    expect((await readdir(dir)).sort()).toEqual(['1.log', '2.log']);
  });
});

describe('stop', () => {
  it('sends SIGTERM first, and a trapping script exits 0', async () => {
    const rt = runtime();
    const inst = await rt.start(sh(`trap 'echo got TERM; exit 0' TERM; echo ready; while true; do sleep 0.1; done`));
    await waitFor(async () => (await logs(rt, 'c')) === 'ready\n', { what: 'the trap to be set', ...WAIT });
    const stopped = await rt.stop(inst.id, 10_000);
    expect(stopped.state).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
    // sh may also report its sleep's death ("Terminated") before the trap runs.
    expect(await logs(rt, 'c')).toMatch(/^ready\n(Terminated\n)?got TERM\n$/);
    expect((await rt.stop(inst.id, 10)).state).toEqual(stopped.state);
  });

  it('sends SIGKILL after the grace period to a script that ignores SIGTERM', async () => {
    const rt = runtime();
    const inst = await rt.start(sh(`trap '' TERM; echo ready; while true; do sleep 0.1; done`));
    await waitFor(async () => (await logs(rt, 'c')) === 'ready\n', { what: 'the trap to be set', ...WAIT });
    const t0 = Date.now();
    const stopped = await rt.stop(inst.id, 300);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(stopped.state).toMatchObject({ state: 'exited', exitCode: 137, signal: 'SIGKILL', reason: 'Error' });
  });

  it('leaves no process of the group behind, after stop or after the main process exits', async () => {
    const rt = runtime();
    const a = await rt.start(sh('sleep 1000 & echo $! > bg.pid; sleep 1000'));
    const pidFile = join(containerDir('pod-a', 'c'), 'bg.pid');
    await waitFor(async () => (await readFile(pidFile, 'utf8').catch(() => '')).endsWith('\n'), { what: 'bg.pid', ...WAIT });
    const bgA = Number(await readFile(pidFile, 'utf8'));
    await rt.stop(a.id, 5_000);
    await waitFor(async () => !(await alive(bgA)), { what: 'the background sleep to be killed by stop', ...WAIT });
    const b = await rt.start(sh('sleep 1000 & echo $! > bg.pid; exit 0', { name: 'd' }));
    expect((await exited(rt, b.id)).state).toMatchObject({ reason: 'Completed' });
    const bgB = Number(await readFile(join(containerDir('pod-a', 'd'), 'bg.pid'), 'utf8'));
    await waitFor(async () => !(await alive(bgB)), { what: 'the orphaned sleep to be killed', ...WAIT });
  });

  it('remove refuses a running instance and forgets an exited one', async () => {
    const rt = runtime();
    const inst = await rt.start(config(['sleep', '1000']));
    await expectCode(rt.remove(inst.id), 'FAILED_PRECONDITION');
    await rt.stop(inst.id, 1000);
    await rt.remove(inst.id);
    expect(rt.status(inst.id)).toBeUndefined();
    expect(rt.list()).toEqual([]);
    await rt.removePod('pod-a');
    await expect(stat(join(dataDir, 'pods', 'pod-a'))).rejects.toThrow();
  });
});

describe('recovery after an agent restart', () => {
  it('adopts a running instance with the same pid, and can stop it', async () => {
    const a = runtime();
    const inst = await a.start(config(['sleep', '1000']));
    const pid = inst.state.state === 'running' ? inst.state.pid : 0;
    await a.close();
    expect(await alive(pid)).toBe(true);
    const b = runtime();
    const recovered = await b.recover();
    expect(recovered).toHaveLength(1);
    expect(recovered[0]).toMatchObject({ id: inst.id, state: { state: 'running', pid } });
    const exitsSeen: string[] = [];
    b.onExit((i) => exitsSeen.push(i.id));
    const stopped = await b.stop(inst.id, 5_000);
    expect(stopped.state).toMatchObject({ state: 'exited', reason: 'ContainerStatusUnknown', exitCode: 137 });
    expect(await alive(pid)).toBe(false);
    expect(exitsSeen).toEqual([inst.id]);
  });

  it('reports an instance that died while no agent ran as ContainerStatusUnknown, and keeps recorded exits', async () => {
    const a = runtime();
    const done = await a.start(sh('exit 4', { name: 'done' }));
    await exited(a, done.id);
    const inst = await a.start(config(['sleep', '1000']));
    const pid = inst.state.state === 'running' ? inst.state.pid : 0;
    await a.close();
    process.kill(pid, 'SIGKILL');
    await waitFor(async () => !(await alive(pid)), { what: 'the instance to die', ...WAIT });
    const b = runtime();
    const byId = new Map((await b.recover()).map((i) => [i.id, i]));
    expect(byId.get(inst.id)?.state).toMatchObject({
      state: 'exited',
      reason: 'ContainerStatusUnknown',
      exitCode: 137,
      message: 'the container exited while the agent was not running; its exit code is unknown',
    });
    expect(byId.get(done.id)?.state).toMatchObject({ state: 'exited', reason: 'Error', exitCode: 4 });
    await b.close();
    const c = runtime();
    expect((await c.recover()).find((i) => i.id === inst.id)?.state).toMatchObject({ reason: 'ContainerStatusUnknown' });
  });

  it('survives a corrupt state file', async () => {
    const dir = join(dataDir, 'pods', 'pod-a', 'instances');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'c-5.json'), '{"version":1,"id":');
    await writeFile(join(dir, 'd-0.json'), '[]');
    pods.add('pod-a');
    const rt = runtime();
    const recovered = await rt.recover();
    expect(recovered.map((i) => i.id).sort()).toEqual(['pod-a/c/5', 'pod-a/d/0']);
    for (const i of recovered) expect(i.state).toMatchObject({ state: 'exited', reason: 'ContainerStatusUnknown', exitCode: 137 });
  });
});

describe('exec', () => {
  it("runs in the container's env and working directory, with stdin and the exit code", async () => {
    const rt = runtime();
    const inst = await rt.start(config(['sleep', '1000'], { env: { PATH, FOO: 'bar' } }));
    const session = rt.exec(inst.id, ['sh', '-c', 'echo $FOO; pwd; cat; echo oops >&2; exit 3'], { stdin: Buffer.from('hello'), timeoutMs: 10_000, signal: new AbortController().signal });
    let stdout = '';
    let stderr = '';
    for await (const o of session.output) {
      if (o.stream === 'stdout') stdout += o.data.toString();
      else stderr += o.data.toString();
    }
    expect(stdout).toBe(`bar\n${containerDir('pod-a', 'c')}\nhello`);
    expect(stderr).toBe('oops\n');
    expect(await session.exitCode).toBe(3);
  });

  it('exits 124 on timeout, 137 on abort and 127 for an unknown command; refuses an exited instance', async () => {
    const rt = runtime();
    const inst = await rt.start(config(['sleep', '1000']));
    const signal = new AbortController().signal;
    const timedOut = rt.exec(inst.id, ['sleep', '100'], { timeoutMs: 200, signal });
    expect(await text((async function* () { for await (const o of timedOut.output) yield o.data; })())).toBe('');
    expect(await timedOut.exitCode).toBe(124);
    const ac = new AbortController();
    const aborted = rt.exec(inst.id, ['sleep', '100'], { timeoutMs: 0, signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    expect(await aborted.exitCode).toBe(137);
    const unknown = rt.exec(inst.id, ['no-such-command-xyz'], { timeoutMs: 1000, signal });
    const out = [];
    for await (const o of unknown.output) out.push(o);
    expect(await unknown.exitCode).toBe(127);
    expect(out.map((o) => `${o.stream}:${o.data.toString()}`)).toEqual(['stderr:exec: "no-such-command-xyz": executable file not found in $PATH\n']);
    await rt.stop(inst.id, 1000);
    expect(() => rt.exec(inst.id, ['true'], { timeoutMs: 1000, signal })).toThrow('container "c" is not running');
  });

  it('delivers all output to a slow consumer with a small buffer bound', async () => {
    const rt = runtime({ execMaxBufferedBytes: 16 * 1024 });
    const inst = await rt.start(config(['sleep', '1000']));
    const session = rt.exec(inst.id, ['head', '-c', '3000000', '/dev/zero'], { timeoutMs: 30_000, signal: new AbortController().signal });
    let bytes = 0;
    let n = 0;
    for await (const o of session.output) {
      bytes += o.data.length;
      if (n++ < 5) await new Promise((r) => setTimeout(r, 50));
    }
    expect(bytes).toBe(3_000_000);
    expect(await session.exitCode).toBe(0);
  });
});

describe('usage', () => {
  it('reports CPU and memory of a busy process group', async () => {
    const rt = runtime();
    const inst = await rt.start(sh('while :; do :; done'));
    await rt.usage(inst.id);
    await waitFor(async () => ((await rt.usage(inst.id))?.cpuMillicores ?? 0) > 100, { what: 'cpu usage above 100m', intervalMs: 300, ...WAIT });
    const u = await rt.usage(inst.id);
    expect(u?.memoryBytes).toBeGreaterThan(0);
    expect(await rt.usage('pod-a/nope/0')).toBeUndefined();
  });
});

describe('removePod', () => {
  it('kills everything of the pod and deletes its directory', async () => {
    const rt = runtime();
    const uid = randomUUID();
    const a = await rt.start(config(['sleep', '1000'], { podUid: uid }));
    const b = await rt.start(sh(`trap '' TERM; sleep 1000`, { podUid: uid, name: 'd' }));
    const pids = [a, b].map((i) => (i.state.state === 'running' ? i.state.pid : 0));
    await rt.removePod(uid);
    for (const pid of pids) expect(await alive(pid)).toBe(false);
    await expect(stat(join(dataDir, 'pods', uid))).rejects.toThrow();
    expect(rt.list()).toEqual([]);
  });
});

describe('options and the host', () => {
  it('fills defaults and rejects values out of range, naming the field', () => {
    const o = compileProcessRuntimeOptions({ dataDir: '/var/lib/berth' });
    expect(o).toMatchObject({ logMaxBytes: 10 * 1024 * 1024, logMaxFiles: 1, instancesKeptPerContainer: 2, cgroupRoot: undefined, cgroupParent: 'berth', adoptedPollMs: 500, logCheckIntervalMs: 1000 });
    expect(() => compileProcessRuntimeOptions({ dataDir: '' })).toThrow('dataDir: required');
    expect(() => compileProcessRuntimeOptions({ dataDir: '/d', logMaxBytes: 0 })).toThrow('logMaxBytes: must be an integer >= 1 (got 0)');
    expect(() => compileProcessRuntimeOptions({ dataDir: '/d', cgroupParent: '../x' })).toThrow('cgroupParent:');
    expect(() => compileProcessRuntimeOptions({ dataDir: '/d', cgroupRoot: 'relative' })).toThrow('cgroupRoot:');
  });

  it('measures the host between calls and reports its capacity', () => {
    const meter = createHostUsageMeter();
    meter();
    const u = meter();
    expect(u?.memoryBytes).toBeGreaterThan(0);
    expect(u?.cpuMillicores).toBeGreaterThanOrEqual(0);
    const cap = hostCapacity();
    expect(cap.cpuCores).toBeGreaterThanOrEqual(1);
    expect(cap.memoryBytes).toBeGreaterThan(0);
  });
});
