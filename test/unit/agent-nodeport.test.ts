// Proves that the agent's NodePort proxy, fed by an EndpointSource, listens on each TCP nodePort of
// the NodePort Services it knows and forwards connections to real TCP echo servers: spread round-
// robin over ready endpoints, never to a not-ready one, to an endpoint added later, past one that
// refuses, closed at once without a ready endpoint; a removed Service closes its listener while an
// open connection finishes; a port in use is retried until free; the per-listener bound holds;
// and `berth agent --nodeport-address` picks the address.
import net from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointSet, EndpointSource, ServiceEndpoint, ServicePortInfo } from '../../client/index.js';
import { parseAgentArgs } from '../../node/index.js';
import { NodePortProxy, compileNodePortProxyOptions, nodePortTargets } from '../../node/proxy/index.js';
import type { NodePortProxyOptions } from '../../node/proxy/index.js';
import { canConnect, waitFor } from '../support/procs.js';
import { MapSource } from '../support/endpoint-source.js';

const logger = pino({ level: 'silent' });

/** A TCP echo server on 127.0.0.1 that counts the connections it accepted. */
class EchoServer {
  accepted = 0;
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer({ allowHalfOpen: true }, (s) => {
    this.accepted++;
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => undefined);
    s.on('data', (d) => s.write(d));
    s.on('end', () => s.end());
  });

  static async start(): Promise<EchoServer> {
    const e = new EchoServer();
    await new Promise<void>((r) => e.server.listen(0, '127.0.0.1', () => r()));
    return e;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  endpoint(pod: string, ready = true, portName = 'http'): ServiceEndpoint {
    return { address: '127.0.0.1', port: this.port, portName, protocol: 'TCP', ready, pod, node: 'node-1' };
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Connects, sends `text`, half-closes, and returns all that came back before the end ('' when closed without data). */
function roundTrip(port: number, text = 'ping'): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    let got = '';
    const timer = setTimeout(() => {
      c.destroy();
      reject(new Error('round trip timed out'));
    }, 3000);
    c.on('connect', () => c.end(text));
    c.on('data', (d) => (got += d.toString()));
    c.on('error', () => undefined);
    c.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
  });
}

/** An open connection that echoes one message at a time. */
async function openConn(port: number): Promise<{ socket: net.Socket; echo(text: string): Promise<string> }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    echo: (text) =>
      new Promise((resolve, reject) => {
        socket.once('data', (d) => resolve(d.toString()));
        socket.once('close', () => reject(new Error('connection closed')));
        socket.write(text);
      }),
  };
}

const closed = (s: net.Socket): Promise<void> => new Promise((r) => (s.destroyed ? r() : s.once('close', () => r())));

describe('NodePort targets', () => {
  it('takes the TCP nodePorts of NodePort and LoadBalancer Services only; the first Service keeps a shared port', () => {
    const port = (name: string, nodePort?: number, protocol: 'TCP' | 'UDP' = 'TCP'): ServicePortInfo => ({ name, port: 80, protocol, ...(nodePort ? { nodePort } : {}) });
    const set = (service: string, type: string, ports: ServicePortInfo[], deleted = false): EndpointSet => ({ namespace: 'default', service, revision: 1, type, ports, endpoints: [], deleted });
    const { targets, conflicts } = nodePortTargets([
      set('b', 'NodePort', [port('http', 30001), port('dns', 30002, 'UDP'), port('none')]),
      set('a', 'LoadBalancer', [port('web', 30003), port('dup', 30001)]),
      set('c', 'ClusterIP', [port('http', 30004)]),
      set('d', 'NodePort', [port('http', 30005)], true),
    ]);
    expect([...targets.values()]).toEqual([
      { nodePort: 30003, namespace: 'default', service: 'a', portName: 'web' },
      { nodePort: 30001, namespace: 'default', service: 'a', portName: 'dup' },
    ]);
    expect(conflicts).toEqual([{ nodePort: 30001, namespace: 'default', service: 'b', portName: 'http' }]);
  });
});

describe('agent NodePort proxy', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function echo(): Promise<EchoServer> {
    const e = await EchoServer.start();
    cleanups.push(() => e.stop());
    return e;
  }

  function proxyOf(source: EndpointSource, extra: Partial<NodePortProxyOptions> = {}): NodePortProxy {
    const p = new NodePortProxy(source, compileNodePortProxyOptions({ address: '127.0.0.1', listenRetryMinMs: 50, listenRetryMaxMs: 200, ...extra }), logger);
    cleanups.push(() => p.stop());
    p.start();
    return p;
  }

  const listening = (p: NodePortProxy, port: number): Promise<void> => waitFor(() => p.listening(port), { what: `NodePort ${port} to listen`, timeoutMs: 5000 });

  it('spreads connections over the ready endpoints, never to a not-ready one, and to one added later', async () => {
    const [a, b, c] = [await echo(), await echo(), await echo()];
    const nodePort = await freePort();
    const source = new MapSource('NodePort');
    const ports = [{ name: 'http', port: 80, protocol: 'TCP' as const, nodePort }];
    source.put('default', 'web', ports, [a.endpoint('web-a'), b.endpoint('web-b'), c.endpoint('web-c', false)]);
    const proxy = proxyOf(source);
    await listening(proxy, nodePort);
    for (let i = 0; i < 6; i++) expect(await roundTrip(nodePort, `hello ${i}`)).toBe(`hello ${i}`);
    expect([a.accepted, b.accepted, c.accepted]).toEqual([3, 3, 0]);

    source.put('default', 'web', ports, [a.endpoint('web-a'), b.endpoint('web-b'), c.endpoint('web-c', true)]);
    for (let i = 0; i < 6; i++) expect(await roundTrip(nodePort)).toBe('ping');
    expect(c.accepted).toBe(2);
    expect(a.accepted + b.accepted + c.accepted).toBe(12);
  });

  it('forwards only to endpoints of the NodePort\'s own port', async () => {
    const [web, metrics] = [await echo(), await echo()];
    const [webPort, metricsPort] = [await freePort(), await freePort()];
    const source = new MapSource('NodePort');
    source.put(
      'default',
      'web',
      [
        { name: 'http', port: 80, protocol: 'TCP', nodePort: webPort },
        { name: 'metrics', port: 9090, protocol: 'TCP', nodePort: metricsPort },
      ],
      [web.endpoint('web-a', true, 'http'), metrics.endpoint('web-a', true, 'metrics')],
    );
    const proxy = proxyOf(source);
    await listening(proxy, webPort);
    await listening(proxy, metricsPort);
    for (let i = 0; i < 3; i++) expect(await roundTrip(webPort)).toBe('ping');
    expect([web.accepted, metrics.accepted]).toEqual([3, 0]);
    for (let i = 0; i < 3; i++) expect(await roundTrip(metricsPort)).toBe('ping');
    expect([web.accepted, metrics.accepted]).toEqual([3, 3]);
  });

  it('closes a connection at once when no endpoint is ready, and passes over an endpoint that refuses', async () => {
    const good = await echo();
    const nodePort = await freePort();
    const deadPort = await freePort();
    const source = new MapSource('NodePort');
    const ports = [{ name: 'http', port: 80, protocol: 'TCP' as const, nodePort }];
    source.put('default', 'web', ports, [good.endpoint('web-a', false)]);
    const proxy = proxyOf(source);
    await listening(proxy, nodePort);
    expect(await roundTrip(nodePort)).toBe('');
    expect(good.accepted).toBe(0);

    const dead: ServiceEndpoint = { address: '127.0.0.1', port: deadPort, portName: 'http', protocol: 'TCP', ready: true, pod: 'web-dead', node: 'node-1' };
    source.put('default', 'web', ports, [good.endpoint('web-a'), dead]);
    for (let i = 0; i < 4; i++) expect(await roundTrip(nodePort)).toBe('ping');
    expect(good.accepted).toBe(4);
  });

  it('closes the listener of a removed Service while an open connection finishes', async () => {
    const a = await echo();
    const nodePort = await freePort();
    const source = new MapSource('NodePort');
    source.put('default', 'web', [{ name: 'http', port: 80, protocol: 'TCP', nodePort }], [a.endpoint('web-a')]);
    const proxy = proxyOf(source);
    await listening(proxy, nodePort);
    const conn = await openConn(nodePort);
    cleanups.push(() => void conn.socket.destroy());
    expect(await conn.echo('before')).toBe('before');

    source.remove('default', 'web');
    await waitFor(async () => !(await canConnect(nodePort)), { what: 'the NodePort to close', timeoutMs: 5000 });
    expect(proxy.nodePorts).toEqual([]);
    expect(await conn.echo('after')).toBe('after');
  });

  it('moves the listener when a Service changes its nodePort', async () => {
    const a = await echo();
    const [before, after] = [await freePort(), await freePort()];
    const source = new MapSource('NodePort');
    source.put('default', 'web', [{ name: 'http', port: 80, protocol: 'TCP', nodePort: before }], [a.endpoint('web-a')]);
    const proxy = proxyOf(source);
    await listening(proxy, before);
    source.put('default', 'web', [{ name: 'http', port: 80, protocol: 'TCP', nodePort: after }], [a.endpoint('web-a')]);
    await listening(proxy, after);
    expect(proxy.nodePorts).toEqual([after]);
    expect(await roundTrip(after)).toBe('ping');
    await waitFor(async () => !(await canConnect(before)), { what: 'the old NodePort to close', timeoutMs: 5000 });
  });

  it('opens a NodePort whose port is in use once it is free', async () => {
    const a = await echo();
    const squatter = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', () => r()));
    const nodePort = (squatter.address() as net.AddressInfo).port;
    const source = new MapSource('NodePort');
    const proxy = proxyOf(source);
    source.put('default', 'web', [{ name: 'http', port: 80, protocol: 'TCP', nodePort }], [a.endpoint('web-a')]);
    await waitFor(() => proxy.nodePorts.includes(nodePort), { what: 'the proxy to want the NodePort', timeoutMs: 5000 });
    expect(proxy.listening(nodePort)).toBe(false);
    await new Promise<void>((r) => squatter.close(() => r()));
    await listening(proxy, nodePort);
    expect(await roundTrip(nodePort)).toBe('ping');
  });

  it('holds at most maxConnectionsPerListener connections through one NodePort', async () => {
    const a = await echo();
    const nodePort = await freePort();
    const source = new MapSource('NodePort');
    source.put('default', 'web', [{ name: 'http', port: 80, protocol: 'TCP', nodePort }], [a.endpoint('web-a')]);
    const proxy = proxyOf(source, { maxConnectionsPerListener: 2 });
    await listening(proxy, nodePort);
    const first = await openConn(nodePort);
    const second = await openConn(nodePort);
    cleanups.push(() => void second.socket.destroy());
    expect(await first.echo('1')).toBe('1');
    expect(await second.echo('2')).toBe('2');
    expect(await roundTrip(nodePort)).toBe('');
    first.socket.destroy();
    await closed(first.socket);
    await waitFor(async () => (await roundTrip(nodePort)) === 'ping', { what: 'a connection within the bound again', timeoutMs: 5000 });
  });
});

describe('berth agent --nodeport-address', () => {
  const BASE = ['--server', '127.0.0.1:7000', '--name', 'node-1', '--data', '/tmp/berth-agent-flags'];

  it('defaults to the agent\'s --address, and takes an IP of its own', () => {
    expect(parseAgentArgs(BASE).nodePorts.address).toBe('127.0.0.1');
    expect(parseAgentArgs([...BASE, '--address', '10.0.0.5']).nodePorts.address).toBe('10.0.0.5');
    expect(parseAgentArgs([...BASE, '--address', '10.0.0.5', '--nodeport-address', '0.0.0.0']).nodePorts.address).toBe('0.0.0.0');
  });

  it('refuses a value that is not an IP address, naming the flag', () => {
    expect(() => parseAgentArgs([...BASE, '--nodeport-address', 'node-1.example'])).toThrow(/^--nodeport-address: must be an IP address \(got "node-1.example"\)/);
  });
});
