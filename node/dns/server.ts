// The agent's DNS server: answers for the cluster domain from the agent's local copy of every
// Service's endpoints (an EndpointSource), over UDP and TCP on one address and port. It never
// recurses and never waits on the network to answer.
//
// It must not take the agent down: a packet that is not a query is dropped, an answer that fails
// to build becomes SERVFAIL, a bind that fails (the port is in use) is logged and tried again with
// back-off, and TCP is bounded (connections at once, query size, unread answers, idle time).
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import net from 'node:net';
import type { Logger } from 'pino';
import type { EndpointSource } from '../../client/index.js';
import { answerQuery, serverFailure } from './message.js';
import type { CompiledDnsServerOptions } from './options.js';
import type { DnsZone } from './records.js';
import { TcpFrames, framed } from './tcp-frames.js';

/** With port 0, tries to find a port free for both UDP and TCP before it counts as a failed bind. */
const EPHEMERAL_PORT_ATTEMPTS = 5;

function bindUdp(socket: dgram.Socket, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

function listenTcp(server: net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export class DnsServer {
  private udp: dgram.Socket | undefined;
  private tcp: net.Server | undefined;
  private readonly conns = new Set<net.Socket>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = 0;
  private stopped = false;
  /** Lowercase namespaces with a Service, built on demand and dropped at every change of the source. */
  private namespaces: Set<string> | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly zone: DnsZone;
  private readonly log: Logger;

  /**
   * `synced` says whether `source` has been filled once (a DiscoveryCache's `synced`); until it
   * has, every query gets SERVFAIL rather than a false NXDOMAIN. Omitted: always.
   */
  constructor(
    private readonly source: EndpointSource,
    private readonly opts: CompiledDnsServerOptions,
    logger: Logger,
    private readonly synced: () => boolean = () => true,
  ) {
    this.zone = { domain: opts.clusterDomain, ttlSeconds: opts.ttlSeconds };
    this.log = logger.child({ component: 'dns' });
  }

  /** The port UDP and TCP listen on, or undefined while not bound. */
  get port(): number | undefined {
    return this.udp?.address().port;
  }

  /** Binds; resolves once bound, or once a failed bind is logged and a retry scheduled. */
  async start(): Promise<void> {
    this.unsubscribe ??= this.source.onChange(() => (this.namespaces = undefined));
    await this.attempt();
  }

  /** Closes both sockets and every TCP connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.retryTimer);
    for (const c of this.conns) c.destroy();
    await this.closeSockets();
  }

  private async closeSockets(): Promise<void> {
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = undefined;
    this.tcp = undefined;
    await Promise.all([
      udp === undefined ? undefined : new Promise<void>((r) => udp.close(() => r())),
      tcp === undefined ? undefined : new Promise<void>((r) => tcp.close(() => r())),
    ]);
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.bind();
      this.retryMs = 0;
      if (this.stopped) await this.closeSockets();
      else this.log.info({ host: this.opts.host, port: this.port, domain: this.zone.domain }, 'DNS server listening (UDP and TCP)');
    } catch (err) {
      const first = this.retryMs === 0;
      this.retryMs = first ? this.opts.listenRetryMinMs : Math.min(this.retryMs * 2, this.opts.listenRetryMaxMs);
      // Warned once per streak: another agent on this host may hold the port for good.
      this.log[first ? 'warn' : 'debug']({ err, host: this.opts.host, port: this.opts.port, retryInMs: this.retryMs }, 'DNS server cannot listen; trying again later');
      this.retryTimer = setTimeout(() => void this.attempt(), this.retryMs);
    }
  }

  /** Binds UDP, then TCP on the same port (with port 0: the port UDP got, a few times over). */
  private async bind(): Promise<void> {
    const attempts = this.opts.port === 0 ? EPHEMERAL_PORT_ATTEMPTS : 1;
    let last: unknown;
    for (let i = 0; i < attempts; i++) {
      const udp = dgram.createSocket({ type: isIPv6(this.opts.host) ? 'udp6' : 'udp4' });
      const tcp = net.createServer((socket) => this.onConnection(socket));
      try {
        await bindUdp(udp, this.opts.host, this.opts.port);
        await listenTcp(tcp, this.opts.host, udp.address().port);
      } catch (err) {
        last = err;
        udp.close();
        tcp.close();
        continue;
      }
      udp.on('message', (msg, rinfo) => this.onDatagram(udp, msg, rinfo));
      udp.on('error', (err) => this.log.warn({ err }, 'DNS UDP socket error'));
      tcp.on('error', (err) => this.log.warn({ err }, 'DNS TCP server error'));
      this.udp = udp;
      this.tcp = tcp;
      return;
    }
    throw last;
  }

  /** The answer's bytes, a SERVFAIL when building it threw, or undefined to drop the query. */
  private answer(raw: Buffer, transport: 'udp' | 'tcp'): Buffer | undefined {
    try {
      const limits = { transport, maxUdpPayloadBytes: this.opts.maxUdpPayloadBytes };
      return answerQuery(raw, this.source, this.zone, limits, { synced: this.synced(), hasNamespace: (ns) => this.hasNamespace(ns) })?.bytes;
    } catch (err) {
      this.log.error({ err }, 'answering a DNS query failed');
      return serverFailure(raw);
    }
  }

  private hasNamespace(namespace: string): boolean {
    if (this.namespaces === undefined) {
      this.namespaces = new Set();
      for (const set of this.source.all()) if (set.deleted !== true) this.namespaces.add(set.namespace.toLowerCase());
    }
    return this.namespaces.has(namespace);
  }

  private onDatagram(udp: dgram.Socket, msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const out = this.answer(msg, 'udp');
    if (out === undefined) return;
    udp.send(out, rinfo.port, rinfo.address, (err) => {
      if (err) this.log.debug({ err, to: rinfo.address }, 'sending a DNS answer failed');
    });
  }

  private onConnection(socket: net.Socket): void {
    if (this.conns.size >= this.opts.maxTcpConnections) {
      this.log.debug({ max: this.opts.maxTcpConnections }, 'too many DNS TCP connections; closing a new one');
      socket.destroy();
      return;
    }
    this.conns.add(socket);
    socket.on('close', () => this.conns.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(this.opts.tcpIdleTimeoutMs, () => socket.destroy());
    const frames = new TcpFrames(this.opts.maxTcpQueryBytes);
    socket.on('data', (chunk: Buffer) => {
      const queries = frames.push(chunk);
      if (queries === undefined) return void socket.destroy();
      for (const q of queries) {
        const out = this.answer(q, 'tcp');
        // A malformed message on a stream leaves nothing to trust after it.
        if (out === undefined) return void socket.destroy();
        socket.write(framed(out));
        if (socket.writableLength > this.opts.maxTcpPendingBytes) return void socket.destroy();
      }
    });
  }
}
