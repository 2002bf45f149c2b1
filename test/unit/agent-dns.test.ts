// Proves that the agent's DNS server answers for the cluster domain from an EndpointSource, as a
// real resolver (node's c-ares, over UDP with TCP fallback) and raw UDP/TCP clients see it: A and
// AAAA of ready endpoints only, SRV with each endpoint's own port and a target that resolves to
// it, NXDOMAIN with an SOA for unknown and deleted Services, NODATA for a type not served, REFUSED
// outside the domain; truncation at 512 bytes (or the EDNS0 size up to the max) with TC; that
// malformed input is dropped without harm; that it says SERVFAIL before its source is filled;
// that TCP is bounded (connections, idle time); and that `berth agent` flags configure it.
import dgram from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { DecodedPacket, Packet } from 'dns-packet';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isBerthError } from '../../client/index.js';
import type { EndpointSource, ServiceEndpoint, ServicePortInfo } from '../../client/index.js';
import { parseAgentArgs } from '../../node/index.js';
import { DnsServer, compileDnsServerOptions } from '../../node/dns/index.js';
import type { DnsServerOptions } from '../../node/dns/index.js';
import { waitFor } from '../support/procs.js';
import { MapSource } from '../support/endpoint-source.js';

const logger = pino({ level: 'silent' });

function ep(pod: string, address: string, port: number, portName = 'http', ready = true, protocol: 'TCP' | 'UDP' = 'TCP'): ServiceEndpoint {
  return { pod, address, port, portName, protocol, ready, node: 'node-1' };
}

const HTTP: ServicePortInfo = { name: 'http', port: 80, protocol: 'TCP' };
const METRICS: ServicePortInfo = { name: 'metrics', port: 9090, protocol: 'TCP' };

async function startDns(source: EndpointSource, extra: DnsServerOptions = {}): Promise<DnsServer> {
  const server = new DnsServer(source, compileDnsServerOptions({ port: 0, ...extra }), logger);
  await server.start();
  return server;
}

function resolverFor(port: number): Resolver {
  const r = new Resolver({ timeout: 2000, tries: 2 });
  r.setServers([`127.0.0.1:${port}`]);
  return r;
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'no code';
  }
  return 'resolved';
}

/** One query over UDP; rejects when nothing comes back within `timeoutMs`. */
function udpExchange(port: number, message: Buffer, timeoutMs = 1000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      sock.close();
      reject(new Error('no answer'));
    }, timeoutMs);
    sock.once('message', (msg) => {
      clearTimeout(timer);
      sock.close();
      resolve(msg);
    });
    sock.send(message, port, '127.0.0.1');
  });
}

function query(name: string, type: 'A' | 'AAAA' | 'SRV' | 'TXT' | 'SOA', id = 7, edns?: number): Packet {
  return {
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type, class: 'IN' }],
    ...(edns === undefined ? {} : { additionals: [{ name: '.', type: 'OPT', udpPayloadSize: edns, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] }),
  };
}

const rcodeOf = (p: DecodedPacket): number => (p.flags ?? 0) & 0xf;

/** Opens a TCP connection and collects length-prefixed answers until `count` arrived or it closed. */
function tcpExchange(port: number, frames: Buffer[], count: number): Promise<{ answers: DecodedPacket[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    let buf = Buffer.alloc(0);
    const answers: DecodedPacket[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`only ${answers.length} of ${count} TCP answers`));
    }, 3000);
    const finish = (closed: boolean): void => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ answers, closed });
    };
    sock.on('connect', () => sock.write(Buffer.concat(frames)));
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        answers.push(dnsPacket.decode(buf.subarray(2, 2 + buf.readUInt16BE(0))));
        buf = buf.subarray(2 + buf.readUInt16BE(0));
      }
      if (answers.length >= count) finish(false);
    });
    sock.on('close', () => finish(true));
    sock.on('error', () => undefined);
  });
}

describe('agent DNS over a real resolver', () => {
  const source = new MapSource('ClusterIP');
  let server: DnsServer;
  let resolver: Resolver;

  beforeAll(async () => {
    source.put('default', 'web', [HTTP, METRICS], [
      ep('web-a', '127.0.0.11', 31001),
      ep('web-a', '127.0.0.11', 31002, 'metrics'),
      ep('web-b', '127.0.0.12', 32001),
      ep('web-b', '127.0.0.12', 32002, 'metrics'),
      ep('web-c', '127.0.0.13', 33001, 'http', false),
    ]);
    source.put('default', 'v6', [HTTP], [ep('v6-a', '::1', 4000), ep('v6-b', '127.0.0.20', 4001)]);
    source.put('other', 'empty', [HTTP], [ep('empty-a', '127.0.0.30', 5000, 'http', false)]);
    server = await startDns(source);
    resolver = resolverFor(server.port!);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers A with the distinct addresses of ready endpoints only, case-insensitively', async () => {
    expect((await resolver.resolve4('web.default.svc.cluster.local')).sort()).toEqual(['127.0.0.11', '127.0.0.12']);
    expect((await resolver.resolve4('WEB.Default.SVC.Cluster.Local')).sort()).toEqual(['127.0.0.11', '127.0.0.12']);
    const ttl = await resolver.resolve4('web.default.svc.cluster.local', { ttl: true });
    expect(ttl.every((r) => r.ttl === 5)).toBe(true);
  });

  it('answers AAAA for IPv6 endpoints and A for IPv4 ones of the same Service', async () => {
    expect(await resolver.resolve6('v6.default.svc.cluster.local')).toEqual(['::1']);
    expect(await resolver.resolve4('v6.default.svc.cluster.local')).toEqual(['127.0.0.20']);
  });

  it('answers SRV of one port with one record per ready endpoint and its own port; each target resolves to its endpoint', async () => {
    const srv = (await resolver.resolveSrv('_http._tcp.web.default.svc.cluster.local')).sort((a, b) => a.port - b.port);
    expect(srv.map((r) => [r.name, r.port])).toEqual([
      ['web-a.web.default.svc.cluster.local', 31001],
      ['web-b.web.default.svc.cluster.local', 32001],
    ]);
    expect(await resolver.resolve4(srv[0]!.name)).toEqual(['127.0.0.11']);
    expect(await resolver.resolve4(srv[1]!.name)).toEqual(['127.0.0.12']);
    expect(await errorCode(resolver.resolve4('web-c.web.default.svc.cluster.local'))).toBe('ENOTFOUND');
  });

  it('answers SRV of every port for the Service name itself', async () => {
    const ports = (await resolver.resolveSrv('web.default.svc.cluster.local')).map((r) => r.port).sort();
    expect(ports).toEqual([31001, 31002, 32001, 32002]);
    const metrics = await resolver.resolveSrv('_metrics._tcp.web.default.svc.cluster.local');
    expect(metrics.map((r) => r.port).sort()).toEqual([31002, 32002]);
    expect(await errorCode(resolver.resolveSrv('_http._udp.web.default.svc.cluster.local'))).toBe('ENOTFOUND');
  });

  it('says NXDOMAIN for unknown names under the domain, NODATA for a type not served, REFUSED outside it', async () => {
    expect(await errorCode(resolver.resolve4('nope.default.svc.cluster.local'))).toBe('ENOTFOUND');
    expect(await errorCode(resolver.resolve4('web.nons.svc.cluster.local'))).toBe('ENOTFOUND');
    expect(await errorCode(resolver.resolve4('web.default.pod.cluster.local'))).toBe('ENOTFOUND');
    expect(await errorCode(resolver.resolveTxt('web.default.svc.cluster.local'))).toBe('ENODATA');
    expect(await errorCode(resolver.resolve4('empty.other.svc.cluster.local'))).toBe('ENODATA');
    expect(await errorCode(resolver.resolve4('example.com'))).toBe('EREFUSED');
  });

  it('forgets a deleted Service and learns a new one at once, its namespace too', async () => {
    expect(await errorCode(resolver.resolve4('default.svc.cluster.local'))).toBe('ENODATA');
    expect(await errorCode(resolver.resolve4('fresh.svc.cluster.local'))).toBe('ENOTFOUND');
    source.put('fresh', 'late', [HTTP], [ep('late-a', '127.0.0.40', 6000)]);
    expect(await resolver.resolve4('late.fresh.svc.cluster.local')).toEqual(['127.0.0.40']);
    expect(await errorCode(resolver.resolve4('fresh.svc.cluster.local'))).toBe('ENODATA');
    source.remove('fresh', 'late');
    expect(await errorCode(resolver.resolve4('late.fresh.svc.cluster.local'))).toBe('ENOTFOUND');
    expect(await errorCode(resolver.resolve4('fresh.svc.cluster.local'))).toBe('ENOTFOUND');
  });

  it('puts the SOA in the authority section of NXDOMAIN and NODATA answers, and echoes the name as asked', async () => {
    const nx = dnsPacket.decode(await udpExchange(server.port!, dnsPacket.encode(query('Nope.default.svc.cluster.local', 'A', 41))));
    expect(nx.id).toBe(41);
    expect(rcodeOf(nx)).toBe(3);
    expect(nx.flag_aa).toBe(true);
    expect(nx.authorities?.[0]).toMatchObject({ type: 'SOA', name: 'cluster.local', data: { minimum: 5 } });
    const nodata = dnsPacket.decode(await udpExchange(server.port!, dnsPacket.encode(query('web.default.svc.cluster.local', 'TXT'))));
    expect(rcodeOf(nodata)).toBe(0);
    expect(nodata.answers).toEqual([]);
    expect(nodata.authorities?.[0]?.type).toBe('SOA');
    const a = dnsPacket.decode(await udpExchange(server.port!, dnsPacket.encode(query('Web.Default.svc.cluster.local', 'A'))));
    expect(a.answers?.map((r) => r.name)).toEqual(['Web.Default.svc.cluster.local', 'Web.Default.svc.cluster.local']);
    const soa = dnsPacket.decode(await udpExchange(server.port!, dnsPacket.encode(query('cluster.local', 'SOA'))));
    expect(soa.answers?.[0]?.type).toBe('SOA');
  });

  it('lists the SRV targets\' addresses in the additional section', async () => {
    const srv = dnsPacket.decode(await udpExchange(server.port!, dnsPacket.encode(query('_http._tcp.web.default.svc.cluster.local', 'SRV'))));
    expect(srv.additionals?.map((r) => [r.name, r.type === 'A' ? r.data : undefined]).sort()).toEqual([
      ['web-a.web.default.svc.cluster.local', '127.0.0.11'],
      ['web-b.web.default.svc.cluster.local', '127.0.0.12'],
    ]);
  });
});

describe('agent DNS message sizes', () => {
  const source = new MapSource('ClusterIP');
  let server: DnsServer;
  const MANY = 60;

  beforeAll(async () => {
    const endpoints = Array.from({ length: MANY }, (_, i) => ep(`big-${i}`, `10.1.${Math.floor(i / 200)}.${(i % 200) + 1}`, 20_000 + i));
    source.put('default', 'big', [HTTP], endpoints);
    server = await startDns(source, { maxUdpPayloadBytes: 1232 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('truncates a UDP answer to 512 bytes with TC set when the client has no EDNS0', async () => {
    const raw = await udpExchange(server.port!, dnsPacket.encode(query('big.default.svc.cluster.local', 'A')));
    expect(raw.length).toBeLessThanOrEqual(512);
    const p = dnsPacket.decode(raw);
    expect(p.flag_tc).toBe(true);
    expect(p.answers!.length).toBeGreaterThan(0);
    expect(p.answers!.length).toBeLessThan(MANY);
  });

  it('honours an EDNS0 buffer size up to the server\'s maximum', async () => {
    const raw = await udpExchange(server.port!, dnsPacket.encode(query('big.default.svc.cluster.local', 'A', 8, 4096)));
    expect(raw.length).toBeGreaterThan(512);
    expect(raw.length).toBeLessThanOrEqual(1232);
    const p = dnsPacket.decode(raw);
    expect(p.flag_tc).toBe(true);
    expect(p.additionals?.find((a) => a.type === 'OPT')).toMatchObject({ udpPayloadSize: 1232 });
    const small = dnsPacket.decode(await udpExchange(server.port!, dnsPacket.encode(query('big.default.svc.cluster.local', 'A', 9, 100))));
    expect(dnsPacket.encodingLength(small)).toBeLessThanOrEqual(512);
  });

  it('gives the whole answer over TCP, and a real resolver gets it after the truncated UDP answer', async () => {
    const { answers } = await tcpExchange(server.port!, [dnsPacket.streamEncode(query('big.default.svc.cluster.local', 'A'))], 1);
    expect(answers[0]!.flag_tc).toBe(false);
    expect(answers[0]!.answers).toHaveLength(MANY);
    expect(await resolverFor(server.port!).resolve4('big.default.svc.cluster.local')).toHaveLength(MANY);
    expect(await resolverFor(server.port!).resolveSrv('_http._tcp.big.default.svc.cluster.local')).toHaveLength(MANY);
  });
});

describe('agent DNS over TCP and against bad input', () => {
  const source = new MapSource('ClusterIP');
  const servers: DnsServer[] = [];

  beforeAll(() => {
    source.put('default', 'web', [HTTP], [ep('web-a', '127.0.0.11', 31001)]);
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  async function start(extra: DnsServerOptions = {}): Promise<DnsServer> {
    const s = await startDns(source, extra);
    servers.push(s);
    if (extra.port === undefined) expect(s.port).toBeGreaterThan(0);
    return s;
  }

  it('answers several queries on one TCP connection, in order', async () => {
    const s = await start();
    const { answers, closed } = await tcpExchange(
      s.port!,
      [dnsPacket.streamEncode(query('web.default.svc.cluster.local', 'A', 1)), dnsPacket.streamEncode(query('nope.default.svc.cluster.local', 'A', 2))],
      2,
    );
    expect(closed).toBe(false);
    expect(answers.map((a) => [a.id, rcodeOf(a)])).toEqual([
      [1, 0],
      [2, 3],
    ]);
    expect(answers[0]!.answers?.[0]).toMatchObject({ type: 'A', data: '127.0.0.11' });
  });

  it('drops malformed UDP packets and keeps answering', async () => {
    const s = await start();
    for (const junk of [Buffer.from('hello'), Buffer.alloc(40, 0xff), dnsPacket.encode(query('web.default.svc.cluster.local', 'A')).subarray(0, 20)]) {
      await expect(udpExchange(s.port!, junk, 300)).rejects.toThrow('no answer');
    }
    expect(await resolverFor(s.port!).resolve4('web.default.svc.cluster.local')).toEqual(['127.0.0.11']);
  });

  it('closes a TCP connection that sends a malformed message or an oversized frame, and keeps serving', async () => {
    const s = await start();
    const junk = Buffer.concat([Buffer.from([0, 20]), Buffer.alloc(20, 0xff)]);
    expect(await tcpExchange(s.port!, [junk], 1)).toEqual({ answers: [], closed: true });
    expect(await tcpExchange(s.port!, [Buffer.from([0xff, 0xff])], 1)).toEqual({ answers: [], closed: true });
    const { answers } = await tcpExchange(s.port!, [dnsPacket.streamEncode(query('web.default.svc.cluster.local', 'A'))], 1);
    expect(answers).toHaveLength(1);
  });

  it('holds at most maxTcpConnections connections and closes idle ones', async () => {
    const s = await start({ maxTcpConnections: 2, tcpIdleTimeoutMs: 400 });
    const open = (): Promise<net.Socket> =>
      new Promise((resolve, reject) => {
        const c = net.connect({ host: '127.0.0.1', port: s.port! }, () => resolve(c));
        c.on('error', reject);
      });
    const closedAt = (c: net.Socket): Promise<void> => new Promise((resolve) => (c.destroyed ? resolve() : c.once('close', () => resolve())));
    const a = await open();
    const b = await open();
    const c = await open();
    c.resume();
    await closedAt(c);
    // The two within the bound are closed when idle, after which a new one is served.
    await Promise.all([closedAt(a.resume()), closedAt(b.resume())]);
    const { answers } = await tcpExchange(s.port!, [dnsPacket.streamEncode(query('web.default.svc.cluster.local', 'A'))], 1);
    expect(answers).toHaveLength(1);
  });

  it('answers SERVFAIL, not NXDOMAIN, until its source has been filled once', async () => {
    let synced = false;
    const s = new DnsServer(source, compileDnsServerOptions({ port: 0 }), logger, () => synced);
    servers.push(s);
    await s.start();
    const before = dnsPacket.decode(await udpExchange(s.port!, dnsPacket.encode(query('web.default.svc.cluster.local', 'A'))));
    expect(rcodeOf(before)).toBe(2);
    expect(before.answers).toEqual([]);
    synced = true;
    expect(await resolverFor(s.port!).resolve4('web.default.svc.cluster.local')).toEqual(['127.0.0.11']);
  });

  it('keeps trying to bind a port in use and serves once it is free', async () => {
    const squatter = dgram.createSocket('udp4');
    await new Promise<void>((r) => squatter.bind(0, '127.0.0.1', () => r()));
    const port = squatter.address().port;
    const s = await start({ port, listenRetryMinMs: 50, listenRetryMaxMs: 100 });
    expect(s.port).toBeUndefined();
    await new Promise<void>((r) => squatter.close(() => r()));
    await waitFor(() => s.port === port, { what: 'the DNS server to bind its port', timeoutMs: 5000 });
    expect(await resolverFor(port).resolve4('web.default.svc.cluster.local')).toEqual(['127.0.0.11']);
  });
});

describe('berth agent flags for discovery', () => {
  const BASE = ['--server', '127.0.0.1:7000', '--name', 'node-1', '--data', '/tmp/berth-agent-flags'];

  function refusal(extra: string[]): string {
    try {
      parseAgentArgs([...BASE, ...extra]);
    } catch (err) {
      expect(isBerthError(err, 'INVALID_ARGUMENT')).toBe(true);
      return (err as Error).message;
    }
    throw new Error(`parseAgentArgs accepted ${JSON.stringify(extra)}`);
  }

  it('serves DNS on 127.0.0.1:5353 for cluster.local by default, follows cluster "berth" without NATS', () => {
    const config = parseAgentArgs(BASE);
    expect(config.dns).toMatchObject({ host: '127.0.0.1', port: 5353, clusterDomain: 'cluster.local', ttlSeconds: 5 });
    expect(config.clusterId).toBe('berth');
    expect(config.nats).toBeUndefined();
  });

  it('takes --dns IP:PORT, [IPv6]:PORT and off, --cluster-domain, --cluster-id and the NATS flags', () => {
    expect(parseAgentArgs([...BASE, '--dns', '[::1]:1053', '--cluster-domain', 'Berth.Internal.']).dns).toMatchObject({ host: '::1', port: 1053, clusterDomain: 'berth.internal' });
    expect(parseAgentArgs([...BASE, '--dns', 'off']).dns).toBeUndefined();
    expect(parseAgentArgs([...BASE, '--cluster-id', 'prod_2']).clusterId).toBe('prod_2');
    expect(parseAgentArgs([...BASE, '--nats', 'nats://127.0.0.1:4222', '--nats-token', 't']).nats).toMatchObject({ servers: ['nats://127.0.0.1:4222'], token: 't' });
  });

  it('refuses bad values, naming the flag', () => {
    expect(refusal(['--dns', 'localhost:53'])).toMatch(/^--dns: .*IP address/);
    expect(refusal(['--dns', '127.0.0.1'])).toMatch(/^--dns: must be IP:PORT/);
    expect(refusal(['--dns', '127.0.0.1:70000'])).toMatch(/^--dns: .*0-65535/);
    expect(refusal(['--cluster-domain', 'bad_domain'])).toMatch(/^--cluster-domain: .*DNS labels/);
    expect(refusal(['--cluster-id', 'a.b'])).toMatch(/^--cluster-id: must be 1-63 letters/);
    expect(refusal(['--nats-token', 't'])).toMatch(/^--nats-token: needs --nats/);
    expect(refusal(['--nats', 'http://x:1'])).toContain('--nats');
  });
});
