// Proves that probes check real loopback servers (HTTP status ranges, headers, named ports, TCP
// connects, timeouts), run exec checks through the runtime, refuse hosts other than the node or
// loopback, and that a runner changes its result only at its thresholds; and that ports are
// allocated free and kept.
import { createServer as createHttpServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { PodTimers } from '../../node/pods/backoff.js';
import { allocatePorts, freePort, resolvePort } from '../../node/pods/ports.js';
import { ProbeRunner, probeAction, probeTiming } from '../../node/pods/probes.js';
import type { ProbeOutcome, ProbeTarget } from '../../node/pods/probes.js';
import type { ExecSession, Runtime } from '../../node/runtime/index.js';

const servers: { close(cb?: () => void): unknown }[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

async function httpServer(handler: (path: string, headers: IncomingHttpHeaders) => number): Promise<number> {
  const server: Server = createHttpServer((req, res) => {
    res.statusCode = handler(req.url ?? '', req.headers);
    res.end('body');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function target(ports: ProbeTarget['ports'] = [], exec?: (argv: readonly string[]) => ExecSession): ProbeTarget {
  const runtime: Pick<Runtime, 'exec'> = { exec: (_id, argv) => (exec ?? (() => session(0, '')))(argv) };
  return { instanceId: 'u/main/0', nodeAddress: '127.0.0.1', ports, runtime, maxOutputBytes: 8 };
}

function session(code: number, out: string): ExecSession {
  return {
    output: (async function* () {
      yield { stream: 'stdout' as const, data: Buffer.from(out) };
    })(),
    exitCode: Promise.resolve(code),
  };
}

const signal = new AbortController().signal;

describe('httpGet probes', () => {
  it('succeed on 200-399 and fail otherwise, sending path and headers', async () => {
    let seen: { path: string; headers: IncomingHttpHeaders } | undefined;
    const port = await httpServer((path, headers) => {
      seen = { path, headers };
      return path === '/ok' ? 200 : path === '/moved' ? 302 : 503;
    });
    const ok = probeAction({ httpGet: { path: '/ok', port, httpHeaders: [{ name: 'X-Probe', value: 'yes' }] } }, target());
    await expect(ok(1000, signal)).resolves.toEqual({ ok: true, message: '' });
    expect(seen?.headers['x-probe']).toBe('yes');
    await expect(probeAction({ httpGet: { path: '/moved', port } }, target())(1000, signal)).resolves.toMatchObject({ ok: true });
    await expect(probeAction({ httpGet: { path: '/bad', port } }, target())(1000, signal)).resolves.toEqual({ ok: false, message: 'HTTP probe failed with statuscode: 503: body' });
  });

  it('resolve a named port through the container ports', async () => {
    const port = await httpServer(() => 204);
    const action = probeAction({ httpGet: { path: '/healthz', port: 'http' } }, target([{ name: 'http', containerPort: port, protocol: 'TCP' }]));
    await expect(action(1000, signal)).resolves.toMatchObject({ ok: true });
    await expect(probeAction({ httpGet: { port: 'nope' } }, target())(1000, signal)).resolves.toMatchObject({ ok: false, message: expect.stringContaining('named port') });
  });

  it('fail on a refused connection and on a timeout', async () => {
    const closed = await freePort('127.0.0.1');
    await expect(probeAction({ httpGet: { port: closed } }, target())(1000, signal)).resolves.toMatchObject({ ok: false, message: expect.stringContaining('ECONNREFUSED') });
    const silent = createHttpServer(() => undefined);
    servers.push(silent);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    silent.closeAllConnections();
    const t = Date.now();
    const r = await probeAction({ httpGet: { port } }, target())(200, signal);
    silent.closeAllConnections();
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('timeout') });
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it('refuse hosts other than the node address and loopback', async () => {
    await expect(probeAction({ httpGet: { host: '192.0.2.1', port: 80 } }, target())(1000, signal)).resolves.toMatchObject({ ok: false, message: expect.stringContaining('not allowed') });
    await expect(probeAction({ tcpSocket: { host: 'example.com', port: 80 } }, target())(1000, signal)).resolves.toMatchObject({ ok: false });
  });
});

describe('tcpSocket and exec probes', () => {
  it('tcpSocket succeeds when something listens and fails when nothing does', async () => {
    const server = createTcpServer((s) => s.end());
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await expect(probeAction({ tcpSocket: { port } }, target())(1000, signal)).resolves.toEqual({ ok: true, message: '' });
    const closed = await freePort('127.0.0.1');
    await expect(probeAction({ tcpSocket: { port: closed } }, target())(1000, signal)).resolves.toMatchObject({ ok: false });
  });

  it('exec succeeds on exit 0 and reports output (cut at maxOutputBytes) otherwise', async () => {
    const seen: string[][] = [];
    const t = target([], (argv) => {
      seen.push([...argv]);
      return argv[0] === 'good' ? session(0, 'fine') : argv[0] === 'slow' ? session(124, '') : session(2, 'something is very wrong');
    });
    await expect(probeAction({ exec: { command: ['good', '-x'] } }, t)(1000, signal)).resolves.toEqual({ ok: true, message: 'fine' });
    await expect(probeAction({ exec: { command: ['bad'] } }, t)(1000, signal)).resolves.toEqual({ ok: false, message: 'command exited with 2: somethin' });
    await expect(probeAction({ exec: { command: ['slow'] } }, t)(1000, signal)).resolves.toEqual({ ok: false, message: 'command timed out after 1s' });
    expect(seen[0]).toEqual(['good', '-x']);
  });
});

describe('ProbeRunner', () => {
  class Timers implements PodTimers {
    queue: { fn: () => void; ms: number }[] = [];
    setTimeout(fn: () => void, ms: number): unknown {
      const h = { fn, ms };
      this.queue.push(h);
      return h;
    }
    clearTimeout(h: unknown): void {
      this.queue = this.queue.filter((x) => x !== h);
    }
    async fire(): Promise<number> {
      const h = this.queue.shift();
      if (h === undefined) throw new Error('no timer');
      h.fn();
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      return h.ms;
    }
  }

  it('uses the Kubernetes defaults', () => {
    expect(probeTiming({})).toEqual({ initialDelayMs: 0, periodMs: 10_000, timeoutMs: 1000, successThreshold: 1, failureThreshold: 3 });
    expect(probeTiming({ initialDelaySeconds: 5, periodSeconds: 2, timeoutSeconds: 3, successThreshold: 2, failureThreshold: 1 })).toEqual({ initialDelayMs: 5000, periodMs: 2000, timeoutMs: 3000, successThreshold: 2, failureThreshold: 1 });
  });

  it('waits the initial delay, then the period after each check, and changes result only at the thresholds', async () => {
    const timers = new Timers();
    const outcomes: ProbeOutcome[] = [
      { ok: false, message: 'a' },
      { ok: false, message: 'b' },
      { ok: true, message: '' },
      { ok: true, message: '' },
      { ok: false, message: 'c' },
      { ok: false, message: 'd' },
    ];
    const results: [boolean, string][] = [];
    const runner = new ProbeRunner(
      'readiness',
      { initialDelayMs: 3000, periodMs: 1000, timeoutMs: 100, successThreshold: 2, failureThreshold: 2 },
      () => Promise.resolve(outcomes.shift() ?? { ok: true, message: '' }),
      timers,
      (ok, message) => results.push([ok, message]),
      () => undefined,
    );
    runner.start();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) delays.push(await timers.fire());
    expect(delays).toEqual([3000, 1000, 1000, 1000, 1000, 1000]);
    expect(results).toEqual([
      [false, 'b'],
      [true, ''],
      [false, 'd'],
    ]);
    runner.stop();
    expect(timers.queue).toHaveLength(0);
  });
});

describe('ports', () => {
  it('keeps given ports, allocates free ones for ports without a number, and keeps them on a second call', async () => {
    const containers = [{ name: 'a', ports: [{ name: 'http' }, { name: 'fixed', containerPort: 8080, protocol: 'UDP' }] }, { name: 'b' }];
    const first = await allocatePorts(containers, '127.0.0.1');
    const port = first.get('a')?.[0]?.containerPort ?? 0;
    expect(port).toBeGreaterThan(0);
    expect(first.get('a')).toEqual([
      { name: 'http', containerPort: port, protocol: 'TCP' },
      { name: 'fixed', containerPort: 8080, protocol: 'UDP' },
    ]);
    expect(first.get('b')).toEqual([]);
    const again = await allocatePorts(containers, '127.0.0.1', first, () => Promise.reject(new Error('must not allocate')));
    expect(again).toEqual(first);
  });

  it('gives a port nothing listens on', async () => {
    const port = await freePort('127.0.0.1');
    const server = createTcpServer();
    servers.push(server);
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    expect((server.address() as AddressInfo).port).toBe(port);
  });

  it('resolves probe ports by number or name', () => {
    const ports = [{ name: 'http', containerPort: 8080, protocol: 'TCP' as const }];
    expect(resolvePort(80, ports)).toBe(80);
    expect(resolvePort('http', ports)).toBe(8080);
    expect(resolvePort('9090', ports)).toBe(9090);
    expect(resolvePort('grpc', ports)).toBeUndefined();
    expect(resolvePort(0, ports)).toBeUndefined();
    expect(resolvePort(70000, ports)).toBeUndefined();
  });
});
