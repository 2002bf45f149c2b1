// Proves the CLI's habits without a cluster: --help on every level, usage errors that name the
// flag and exit with 2, other failures as "error: ..." with exit 1, extra top-level commands
// dispatched with their arguments, and the stable forms of values in the output.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { CliCommand, CliIo } from '../../client/cli/main.js';
import { runCli } from '../../client/cli/main.js';
import { displayValue, encodeValue, formatTable } from '../../client/cli/output.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], extra: Record<string, CliCommand> = {}, env: Record<string, string> = {}): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (d) => void (out += typeof d === 'string' ? d : Buffer.from(d).toString()),
    stderr: (t) => void (err += t),
    env,
    onInterrupt: () => () => undefined,
  };
  const code = await runCli(argv, extra, io);
  return { code, out, err };
}

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('help', () => {
  it('is printed for berth, a group and a command, with exit code 0', async () => {
    const top = await run(['--help'], { up: { summary: 'Start a local cluster', run: async () => 0 } });
    expect(top.code).toBe(0);
    expect(top.out).toContain('Usage: berth [--server ADDRS] COMMAND');
    expect(top.out).toMatch(/kv +Read, write and watch keys/);
    expect(top.out).toMatch(/up +Start a local cluster/);
    const group = await run(['kv', '--help']);
    expect(group.code).toBe(0);
    expect(group.out).toMatch(/get +Print a key/);
    const leaf = await run(['kv', 'get', '--help']);
    expect(leaf.code).toBe(0);
    expect(leaf.out).toContain('Usage: berth kv get KEY');
    expect(leaf.out).toContain('"valueEncoding"');
    expect((await run(['cluster', 'status', '-h'])).out).toContain('"compactedRevision"');
  });

  it('goes to stderr with exit code 2 when a command is missing', async () => {
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Usage: berth');
    expect(none.err).toContain('error: a command is needed');
    const group = await run(['cluster']);
    expect(group.code).toBe(2);
    expect(group.err).toContain('error: berth cluster needs a command (status, members, add, remove, transfer)');
  });
});

describe('usage errors', () => {
  it('name the flag or argument and exit with 2', async () => {
    // Each message is the start of the last stderr line (a usage line may follow it).
    const cases: [string[], string][] = [
      [['nope'], 'error: unknown command "nope" (see berth --help)'],
      [['kv', 'fetch'], 'error: unknown command "kv fetch" (commands: get, put, del, watch)'],
      [['kv', 'get'], 'error: missing KEY; usage: berth kv get KEY'],
      [['kv', 'put', 'k'], 'error: missing VALUE; usage: berth kv put KEY VALUE'],
      [['kv', 'del', 'a', 'b'], 'error: unexpected argument "b"; usage: berth kv del KEY'],
      [['kv', 'get', 'k', '--bogus'], 'error: --bogus: unknown flag (see --help)'],
      [['kv', 'get', 'k', '-o'], 'error: -o/--output: needs a value'],
      [['kv', 'get', 'k', '--prefix=yes'], 'error: --prefix: takes no value'],
      [['kv', 'get', 'k', '-o', 'xml'], 'error: -o/--output: must be one of table, json, yaml, value (got "xml")'],
      [['kv', 'get', 'k', '--rev', 'x'], 'error: --rev: must be an integer >= 1 (got "x")'],
      [['kv', 'watch', 'k', '--rev', '0'], 'error: --rev: must be an integer >= 1 (got "0")'],
      [['kv', 'get', 'k', '--server', 'nohost'], 'error: --server: each address must be host:port (got "nohost")'],
      [['--verbose', 'kv', 'get', 'k'], 'error: --verbose: unknown flag before the command (see berth --help)'],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      const last = r.err.trim().split('\n').at(-1) ?? '';
      expect({ argv, code: r.code, err: last.slice(0, message.length) }).toEqual({ argv, code: 2, err: message });
    }
  });

  it('check BERTH_SERVER like --server', async () => {
    const r = await run(['cluster', 'status'], {}, { BERTH_SERVER: 'a:1,,b' });
    expect(r.code).toBe(2);
    expect(r.err).toBe('error: --server: each address must be host:port (got "b")\n');
  });
});

describe('failures', () => {
  it('print "error: <message>" and exit with 1 when no replica answers', async () => {
    const port = await closedPort();
    const r = await run(['--server', `127.0.0.1:${port}`, 'kv', 'get', 'k']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: cannot connect to 127.0.0.1:${port}: the connection failed (is a replica listening there?)\n`);
  });
});

describe('extra commands', () => {
  it('get their own arguments and decide the exit code', async () => {
    const seen: string[][] = [];
    const server: CliCommand = { summary: 'Run a replica', run: async (argv) => (seen.push(argv), 3) };
    expect((await run(['server', '--id', 'r1'], { server })).code).toBe(3);
    expect((await run(['-h', 'server'], { server })).code).toBe(3);
    expect(seen).toEqual([['--id', 'r1'], ['--help']]);
  });
});

describe('values in output', () => {
  it('are UTF-8 text when they can be, base64 otherwise', () => {
    expect(encodeValue(new TextEncoder().encode('héllo'))).toEqual({ value: 'héllo', valueEncoding: 'utf8' });
    expect(encodeValue(new Uint8Array([0xff, 0x00]))).toEqual({ value: '/wA=', valueEncoding: 'base64' });
    expect(displayValue(new TextEncoder().encode('a\nb'))).toBe('base64:YQpi');
    expect(displayValue(new TextEncoder().encode('plain'))).toBe('plain');
  });

  it('line up in tables', () => {
    expect(formatTable(['ID', 'ADDRESS'], [['r1', '127.0.0.1:7001'], ['r10', 'h:1']])).toBe('ID   ADDRESS\nr1   127.0.0.1:7001\nr10  h:1\n');
  });
});
