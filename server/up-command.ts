// `berth up`: a whole local cluster on one machine — N control-plane replicas as child
// processes on 127.0.0.1, each with its own data directory — kept in the foreground until
// Ctrl-C. Later issues add node agents and a NATS child process to the same command.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../client/index.js';

export const UP_USAGE = `Usage: berth up [--replicas N] [--dir DIR] [--base-port PORT]

Starts a local cluster in the foreground: N berth server replicas on 127.0.0.1, data and logs
under DIR. Ctrl-C stops it; run it again to start the same cluster with its data.

Flags:
  --replicas N       control-plane replicas, 1, 3 or 5        (default 3)
  --dir DIR          data and logs                            (default .berth/local)
  --base-port PORT   first port (replica i gets PORT+i-1)     (default: free ports; fixed ports
                     are remembered in DIR/ports.json so restarts reuse them)
`;

interface UpConfig {
  readonly replicas: number;
  readonly dir: string;
  readonly basePort: number | undefined;
}

function parseUpArgs(argv: string[]): UpConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { replicas: { type: 'string' }, dir: { type: 'string' }, 'base-port': { type: 'string' } },
  });
  const replicas = Number(values.replicas ?? '3');
  if (![1, 3, 5].includes(replicas)) {
    throw new Error(`--replicas: must be 1, 3 or 5 (got ${JSON.stringify(values.replicas)})`);
  }
  let basePort: number | undefined;
  if (values['base-port'] !== undefined) {
    basePort = Number(values['base-port']);
    if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65535 - replicas) {
      throw new Error(`--base-port: must be an integer in 1024..${65535 - replicas} (got ${JSON.stringify(values['base-port'])})`);
    }
  }
  return { replicas, dir: resolve(values.dir ?? '.berth/local'), basePort };
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr !== null ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

async function choosePorts(config: UpConfig): Promise<number[]> {
  const { readFile, writeFile } = await import('node:fs/promises');
  const file = join(config.dir, 'ports.json');
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as number[];
    if (Array.isArray(saved) && saved.length === config.replicas && config.basePort === undefined) return saved;
  } catch {
    // No saved ports yet: choose them.
  }
  const ports: number[] = [];
  for (let i = 0; i < config.replicas; i++) ports.push(config.basePort !== undefined ? config.basePort + i : await freePort());
  await writeFile(file, JSON.stringify(ports));
  return ports;
}

function startReplica(bin: string, id: string, port: number, peers: string, dir: string): ChildProcess {
  const log = createWriteStream(join(dir, `${id}.log`), { flags: 'a' });
  const child = spawn(
    process.execPath,
    [bin, 'server', '--id', id, '--listen', `127.0.0.1:${port}`, '--peers', peers, '--data', join(dir, id)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

async function waitForLeader(endpoints: string[], timeoutMs: number): Promise<string> {
  const client = connect({ endpoints });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        const st = await client.cluster.status();
        if (st.leader !== '') return st.leader;
      } catch {
        // Not up yet.
      }
      if (Date.now() > deadline) throw new Error(`no leader elected within ${timeoutMs} ms; see the logs`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    client.close();
  }
}

export async function upCommand(argv: string[], bin: string): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(UP_USAGE);
    return 0;
  }
  let config: UpConfig;
  try {
    config = parseUpArgs(argv);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n\n${UP_USAGE}`);
    return 2;
  }
  await mkdir(config.dir, { recursive: true });
  const ports = await choosePorts(config);
  const ids = ports.map((_, i) => `r${i + 1}`);
  const peers = ids.map((id, i) => `${id}=127.0.0.1:${ports[i]}`).join(',');
  const children = ids.map((id, i) => startReplica(bin, id, ports[i]!, peers, config.dir));
  const endpoints = ports.map((p) => `127.0.0.1:${p}`);
  process.stdout.write(`starting ${config.replicas} replicas (data and logs in ${config.dir}) ...\n`);
  let exited = false;
  for (const [i, child] of children.entries()) {
    child.once('exit', (code, signal) => {
      if (!exited) process.stderr.write(`replica ${ids[i]} exited (${signal ?? code}); see ${join(config.dir, `${ids[i]}.log`)}\n`);
    });
  }
  const stopAll = async (): Promise<void> => {
    exited = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  };
  try {
    const leader = await waitForLeader(endpoints, 30_000);
    process.stdout.write(`cluster is up: leader ${leader}\n`);
    for (const [i, id] of ids.entries()) process.stdout.write(`  ${id}  127.0.0.1:${ports[i]}  pid ${children[i]!.pid}\n`);
    process.stdout.write(`\ntry:  export BERTH_SERVER=${endpoints.join(',')}\n      npx berth cluster status\n      npx berth kv put hello world && npx berth kv get hello\n\nCtrl-C stops the cluster.\n`);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    await stopAll();
    return 1;
  }
  await new Promise<void>((r) => {
    process.once('SIGINT', () => r());
    process.once('SIGTERM', () => r());
  });
  process.stdout.write('stopping ...\n');
  await stopAll();
  return 0;
}
