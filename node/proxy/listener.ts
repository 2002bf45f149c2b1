// One NodePort: a TCP listener on the node's address that forwards each connection to a ready
// endpoint of one Service port, chosen when the connection arrives (so endpoint changes need no
// work here). With no ready endpoint left to try, the connection is closed at once: a client
// sees a prompt failure rather than a hang. A port that cannot be bound (in use) is tried again
// with back-off; the agent carries on meanwhile.
import net from 'node:net';
import type { Logger } from 'pino';
import type { EndpointSource, ServiceEndpoint } from '../../client/index.js';
import { readyEndpoints } from '../../client/index.js';
import type { CompiledNodePortProxyOptions } from './options.js';
import { EndpointPicker, endpointKey } from './picker.js';
import type { NodePortTarget } from './targets.js';

/**
 * Joins two sockets both ways. An end on one side half-closes the other (pipe does that); when
 * one side is gone, the other gets what is still buffered and is then closed; on a reset, at once.
 */
function splice(a: net.Socket, b: net.Socket): void {
  a.pipe(b);
  b.pipe(a);
  const follow = (other: net.Socket) => (hadError: boolean) => {
    if (hadError) other.destroy();
    else other.end(() => other.destroy());
  };
  a.once('close', follow(b));
  b.once('close', follow(a));
}

export class NodePortListener {
  private server: net.Server | undefined;
  private readonly conns = new Set<net.Socket>();
  private readonly picker: EndpointPicker;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = 0;
  private closed = false;
  private readonly log: Logger;

  constructor(
    private target: NodePortTarget,
    private readonly source: EndpointSource,
    private readonly opts: CompiledNodePortProxyOptions,
    logger: Logger,
  ) {
    this.picker = new EndpointPicker(opts.refusedSkipMs);
    this.log = logger.child({ nodePort: target.nodePort });
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Connections open through this listener now. */
  get connections(): number {
    return this.conns.size;
  }

  open(): void {
    this.attempt();
  }

  /** Forwards new connections to another Service port (open ones stay where they are). */
  retarget(target: NodePortTarget): void {
    this.target = target;
  }

  /** Stops accepting; connections already open finish on their own. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.server?.close();
    this.server = undefined;
  }

  /** Stops accepting and drops every open connection (the agent is stopping). */
  destroy(): void {
    this.close();
    for (const c of this.conns) c.destroy();
  }

  private attempt(): void {
    if (this.closed) return;
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true }, (socket) => this.accept(socket));
    server.maxConnections = this.opts.maxConnectionsPerListener;
    let bound = false;
    server.on('error', (err) => {
      if (bound) return void this.log.warn({ err }, 'NodePort listener error');
      server.close();
      const first = this.retryMs === 0;
      this.retryMs = first ? this.opts.listenRetryMinMs : Math.min(this.retryMs * 2, this.opts.listenRetryMaxMs);
      // Warned once per streak: another agent on this host may hold the port for good.
      this.log[first ? 'warn' : 'debug']({ err, address: this.opts.address, retryInMs: this.retryMs }, 'cannot listen on the NodePort; trying again later');
      if (!this.closed) this.retryTimer = setTimeout(() => this.attempt(), this.retryMs);
    });
    server.listen({ host: this.opts.address, port: this.target.nodePort, exclusive: true }, () => {
      bound = true;
      if (this.closed) return void server.close();
      this.server = server;
      this.retryMs = 0;
      const t = this.target;
      this.log.info({ address: this.opts.address, service: `${t.namespace}/${t.service}`, port: t.portName }, 'NodePort listening');
    });
  }

  private accept(client: net.Socket): void {
    this.conns.add(client);
    client.on('close', () => this.conns.delete(client));
    client.on('error', () => client.destroy());
    this.connect(client, new Set());
  }

  private readyNow(): ServiceEndpoint[] {
    const t = this.target;
    return readyEndpoints(this.source.get(t.namespace, t.service), t.portName).filter((e) => e.protocol === 'TCP');
  }

  /** Connects `client` to the next endpoint not yet tried, or closes it when there is none. */
  private connect(client: net.Socket, tried: Set<string>): void {
    if (client.destroyed) return;
    const e = tried.size < this.opts.maxConnectAttempts ? this.picker.pick(this.readyNow(), tried) : undefined;
    if (e === undefined) {
      this.log.debug({ tried: tried.size }, 'no ready endpoint took the connection; closing it');
      client.destroy();
      return;
    }
    tried.add(endpointKey(e));
    const upstream = net.connect({ host: e.address, port: e.port, allowHalfOpen: true });
    const abort = (): void => void upstream.destroy();
    const fail = (err?: Error): void => {
      client.off('close', abort);
      upstream.destroy();
      this.picker.refusedBy(e);
      this.log.debug({ err, endpoint: `${e.address}:${e.port}`, pod: e.pod }, 'endpoint did not accept; trying another');
      this.connect(client, tried);
    };
    client.once('close', abort);
    upstream.setTimeout(this.opts.connectTimeoutMs, () => fail());
    upstream.once('error', fail);
    upstream.once('connect', () => {
      upstream.setTimeout(0);
      upstream.off('error', fail);
      upstream.on('error', () => upstream.destroy());
      client.off('close', abort);
      splice(client, upstream);
    });
  }
}
