// Proves `berth logs` and `berth exec` through runCli: logs writes the raw bytes it streams and
// passes its flags on; -f goes on until Ctrl-C; exec writes stdout and stderr as they come and
// exits with the command's exit code; -i sends standard input within its 1 MiB bound; flags are
// checked (naming the flag) before any call. One test runs exec end to end through the real SDK
// against gRPC servers on 127.0.0.1, a follower and the leader it names.
import { Metadata, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_EXEC_STDIN_BYTES } from '../../client/cli/exec-command.js';
import { runCli } from '../../client/cli/main.js';
import type { CliClient, CliIo, CliNodeApi } from '../../client/cli/main.js';
import { Client, InvalidError } from '../../client/index.js';
import type { ExecOptions, ExecOutput, LogsOptions } from '../../client/index.js';
import type { ExecRequest__Output } from '../../proto/gen/berth/v1/ExecRequest.js';
import type { ExecResponse } from '../../proto/gen/berth/v1/ExecResponse.js';
import type { NodeServiceHandlers } from '../../proto/gen/berth/v1/NodeService.js';
import { nodeProto } from '../../proto/load.js';

interface Recorded {
  logs: { pod: string; options: LogsOptions }[];
  exec: { pod: string; command: readonly string[]; options: ExecOptions }[];
}

/** A client whose node calls replay canned output; logs with follow waits for its signal. */
function fakeClient(r: Recorded, out: { chunks?: Buffer[]; pieces?: ExecOutput[]; error?: Error } = {}): CliClient {
  const nodes: CliNodeApi = {
    logs(pod, options = {}) {
      r.logs.push({ pod, options });
      return (async function* () {
        if (out.error !== undefined) throw out.error;
        for (const c of out.chunks ?? []) yield c;
        if (options.follow === true) {
          await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve()));
        }
      })();
    },
    exec(pod, command, options = {}) {
      r.exec.push({ pod, command, options });
      return (async function* () {
        for (const p of out.pieces ?? []) yield p;
      })();
    },
    usage: () => Promise.reject(new Error('not used')),
    cordon: () => Promise.reject(new Error('not used')),
    uncordon: () => Promise.reject(new Error('not used')),
    drain: () => Promise.reject(new Error('not used')),
  };
  return { nodes, close: () => undefined } as unknown as CliClient;
}

interface Run {
  code: number;
  out: Buffer;
  err: string;
}

interface IoOptions {
  stdin?: Buffer;
  /** Leave out stderrBytes, as an io that only takes text. */
  textOnly?: boolean;
}

function start(argv: string[], client: CliClient, o: IoOptions = {}): { done: Promise<Run>; interrupt(): void; out(): Buffer } {
  const out: Buffer[] = [];
  let err = '';
  const handlers = new Set<() => void>();
  const io: CliIo = {
    stdout: (d) => void out.push(Buffer.from(d)),
    stderr: (t) => void (err += t),
    env: {},
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    readStdin: async () => (o.stdin ?? Buffer.alloc(0)).toString(),
    ...(o.textOnly === true ? {} : { readStdinBytes: async (max: number) => (o.stdin ?? Buffer.alloc(0)).subarray(0, max + 1), stderrBytes: (d: Uint8Array) => void (err += Buffer.from(d).toString()) }),
  };
  const done = runCli(argv, {}, io, { connect: () => client }).then((code) => ({ code, out: Buffer.concat(out), err }));
  return { done, interrupt: () => [...handlers].forEach((h) => h()), out: () => Buffer.concat(out) };
}

function run(argv: string[], client: CliClient, o: IoOptions = {}): Promise<Run> {
  return start(argv, client, o).done;
}

const fresh = (): Recorded => ({ logs: [], exec: [] });

describe('logs', () => {
  it('writes the raw bytes and passes its flags on', async () => {
    const r = fresh();
    const bytes = [Buffer.from('hello\n'), Buffer.from([0xff, 0xfe, 0x0a])];
    const res = await run(['logs', 'pod/web-1', '-c', 'app', '-n', 'prod', '--tail', '20', '--previous', '--limit-bytes', '4096'], fakeClient(r, { chunks: bytes }));
    expect(res.code).toBe(0);
    expect(res.out).toEqual(Buffer.concat(bytes));
    expect(r.logs[0]?.pod).toBe('web-1');
    expect(r.logs[0]?.options).toMatchObject({ namespace: 'prod', container: 'app', tailLines: 20, previous: true, limitBytes: 4096, follow: false });
    await run(['logs', 'web-1', 'side', '--tail=-1'], fakeClient(r));
    expect(r.logs[1]?.options).toMatchObject({ container: 'side' });
    expect(r.logs[1]?.options.tailLines).toBeUndefined();
  });

  it('with -f, streams until Ctrl-C and exits 0', async () => {
    const r = fresh();
    const s = start(['logs', 'web-1', '-f'], fakeClient(r, { chunks: [Buffer.from('a\n')] }));
    for (let i = 0; i < 200 && s.out().length === 0; i++) await new Promise((res) => setTimeout(res, 2));
    expect(s.out().toString()).toBe('a\n');
    s.interrupt();
    expect(await s.done).toMatchObject({ code: 0 });
    expect(r.logs[0]?.options.follow).toBe(true);
  });

  it("reports the server's refusal with exit code 1", async () => {
    const msg = 'a container name must be specified for pod web, choose one of: [a b]';
    expect(await run(['logs', 'web'], fakeClient(fresh(), { error: new InvalidError(msg) }))).toMatchObject({ code: 1, err: `error: ${msg}\n` });
  });

  it('checks its flags before any call, naming the flag', async () => {
    const r = fresh();
    const c = fakeClient(r);
    expect(await run(['logs', 'web', '--tail', 'ten'], c)).toMatchObject({ code: 2, err: 'error: --tail: must be an integer >= -1 (got "ten")\n' });
    expect(await run(['logs', 'web', '--limit-bytes', '0'], c)).toMatchObject({ code: 2, err: 'error: --limit-bytes: must be an integer >= 1 (got "0")\n' });
    expect(await run(['logs', 'deploy/web'], c)).toMatchObject({ code: 2, err: 'error: logs: only pods have logs (got "deploy/web"); give POD or pod/POD\n' });
    expect(await run(['logs', 'web', 'a', '-c', 'b'], c)).toMatchObject({ code: 2, err: 'error: -c/--container: give the container once (got -c b and "a")\n' });
    expect(await run(['logs'], c)).toMatchObject({ code: 2, err: 'error: missing POD; usage: berth logs POD [-c CONTAINER] [-n NS] [-f] [--tail N] [--previous] [--limit-bytes N]\n' });
    expect(await run(['logs', 'web', '--since', '5m'], c)).toMatchObject({ code: 2, err: 'error: --since: unknown flag (see --help)\n' });
    expect(r.logs).toEqual([]);
  });
});

describe('exec', () => {
  it("writes stdout and stderr as they come and exits with the command's exit code", async () => {
    const r = fresh();
    const pieces: ExecOutput[] = [{ stdout: Buffer.from('out1 ') }, { stderr: Buffer.from('warn\n') }, { stdout: Buffer.from([0xc3, 0xa9]) }, { exitCode: 3 }];
    const res = await run(['exec', 'web-1', '-c', 'app', '-n', 'prod', '--timeout', '90s', '--', 'sh', '-c', 'echo hi; exit 3'], fakeClient(r, { pieces }));
    expect(res).toEqual({ code: 3, out: Buffer.from('out1 é'), err: 'warn\n' });
    expect(r.exec[0]).toMatchObject({ pod: 'web-1', command: ['sh', '-c', 'echo hi; exit 3'], options: { namespace: 'prod', container: 'app', timeoutSeconds: 90 } });
    expect(r.exec[0]?.options.stdin).toBeUndefined();
    expect((await run(['exec', 'pod/web-1', '--', 'true'], fakeClient(fresh(), { pieces: [{ exitCode: 0 }] }))).code).toBe(0);
  });

  it('keeps a character split across stderr chunks whole for an io that takes text only', async () => {
    const pieces: ExecOutput[] = [{ stderr: Buffer.from([0xc3]) }, { stderr: Buffer.from([0xa9, 0x0a]) }, { exitCode: 1 }];
    expect(await run(['exec', 'web', '--', 'x'], fakeClient(fresh(), { pieces }), { textOnly: true })).toMatchObject({ code: 1, err: 'é\n' });
  });

  it('-i sends standard input, up to 1 MiB', async () => {
    const r = fresh();
    const stdin = Buffer.from([0, 1, 2, 0xff]);
    expect((await run(['exec', '-i', 'web', '--', 'cat'], fakeClient(r, { pieces: [{ exitCode: 0 }] }), { stdin })).code).toBe(0);
    expect(r.exec[0]?.options.stdin).toEqual(stdin);
    const atBound = Buffer.alloc(MAX_EXEC_STDIN_BYTES, 1);
    expect((await run(['exec', '-i', 'web', '--', 'cat'], fakeClient(r, { pieces: [{ exitCode: 0 }] }), { stdin: atBound })).code).toBe(0);
    expect(r.exec[1]?.options.stdin?.length).toBe(MAX_EXEC_STDIN_BYTES);
    const over = await run(['exec', '-i', 'web', '--', 'cat'], fakeClient(r), { stdin: Buffer.alloc(MAX_EXEC_STDIN_BYTES + 1) });
    expect(over).toMatchObject({ code: 1, err: 'error: -i/--stdin: standard input is over 1048576 bytes (1 MiB), more than exec sends\n' });
    expect(r.exec.length).toBe(2);
  });

  it('needs -- and a command, and checks its flags before any call', async () => {
    const r = fresh();
    const c = fakeClient(r);
    expect(await run(['exec', 'web', 'ls'], c)).toMatchObject({ code: 2, err: expect.stringContaining('error: exec: put the command after --; usage: berth exec POD') as unknown });
    expect(await run(['exec', 'web', '--'], c)).toMatchObject({ code: 2, err: expect.stringContaining('error: exec: missing COMMAND after --') as unknown });
    expect(await run(['exec', 'web', 'extra', '--', 'ls'], c)).toMatchObject({ code: 2, err: expect.stringContaining('error: exec: unexpected argument "extra" before --') as unknown });
    expect(await run(['exec', 'web', '--timeout', 'forever', '--', 'ls'], c)).toMatchObject({ code: 2, err: 'error: --timeout: must be a duration above 0 such as 90s, 5m or 1h (got "forever")\n' });
    expect(await run(['exec', 'svc/web', '--', 'ls'], c)).toMatchObject({ code: 2 });
    // Flags after -- belong to the command.
    await run(['exec', 'web', '--', 'ls', '-c', '--timeout'], fakeClient(r, { pieces: [{ exitCode: 0 }] }));
    expect(r.exec).toEqual([{ pod: 'web', command: ['ls', '-c', '--timeout'], options: expect.not.objectContaining({ container: expect.anything() as unknown }) as unknown }]);
  });
});

// ---- End to end through the SDK, against gRPC servers on 127.0.0.1 ----------------------------

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.forceShutdown();
});

async function serve(exec: NodeServiceHandlers['Exec']): Promise<{ address: string }> {
  const server = new Server();
  const none = (): void => undefined;
  server.addService(nodeProto().NodeService.service, { Connect: none, Logs: none, Usage: none, Exec: exec } as unknown as NodeServiceHandlers);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  servers.push(server);
  return { address: `127.0.0.1:${port}` };
}

describe('exec through the SDK', () => {
  it('follows NOT_LEADER to the leader, runs the command once, and exits with its code', async () => {
    const ran: ExecRequest__Output[] = [];
    const leader = await serve((call: ServerWritableStream<ExecRequest__Output, ExecResponse>) => {
      ran.push(call.request);
      call.write({ stdout: Buffer.from('done\n') });
      call.write({ exitCode: 7 });
      call.end();
    });
    const metadata = new Metadata();
    metadata.set('berth-code', 'NOT_LEADER');
    metadata.set('berth-details', JSON.stringify({ leader: 'r1', proposed: false, leaderAddress: leader.address }));
    const follower = await serve((call: ServerWritableStream<ExecRequest__Output, ExecResponse>) =>
      call.emit('error', { code: status.FAILED_PRECONDITION, details: 'served by the leader (r1)', metadata }),
    );
    const client = new Client({ servers: [follower.address], retry: { initialBackoffMs: 1, maxBackoffMs: 5 } }, { env: {}, homeDir: '/nonexistent' });
    const res = await run(['exec', 'web', '--', 'make', 'it'], client);
    expect(res).toEqual({ code: 7, out: Buffer.from('done\n'), err: '' });
    expect(ran.map((r) => r.command)).toEqual([['make', 'it']]);
  });
});
