// Probes, as the kubelet's prober workers run them: one runner per probe of a container
// instance, first after initialDelaySeconds, then every periodSeconds after the previous check
// ended (so one check at most is in flight per probe). A result changes after successThreshold
// successes or failureThreshold failures in a row. Checks reach only the node's address or
// loopback: pods share the host's network, so that is where a container listens.
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { ContainerPortBinding, Runtime } from '../runtime/index.js';
import type { PodTimers } from './backoff.js';
import { resolvePort } from './ports.js';

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProbeSpec {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port?: number | string; host?: string; scheme?: string; httpHeaders?: { name?: string; value?: string }[] };
  tcpSocket?: { port?: number | string; host?: string };
  grpc?: { port?: number; service?: string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

export interface ProbeOutcome {
  readonly ok: boolean;
  readonly message: string;
}

/** What a probe checks: one container instance. */
export interface ProbeTarget {
  readonly instanceId: string;
  readonly nodeAddress: string;
  readonly ports: readonly ContainerPortBinding[];
  readonly runtime: Pick<Runtime, 'exec'>;
  readonly maxOutputBytes: number;
}

export type ProbeAction = (timeoutMs: number, signal: AbortSignal) => Promise<ProbeOutcome>;

export interface ProbeTiming {
  readonly initialDelayMs: number;
  readonly periodMs: number;
  readonly timeoutMs: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
}

function positive(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Kubernetes' defaults: period 10 s, timeout 1 s, thresholds 1 and 3, no initial delay. */
export function probeTiming(spec: ProbeSpec): ProbeTiming {
  return {
    initialDelayMs: (typeof spec.initialDelaySeconds === 'number' && spec.initialDelaySeconds > 0 ? spec.initialDelaySeconds : 0) * 1000,
    periodMs: positive(spec.periodSeconds, 10) * 1000,
    timeoutMs: positive(spec.timeoutSeconds, 1) * 1000,
    successThreshold: positive(spec.successThreshold, 1),
    failureThreshold: positive(spec.failureThreshold, 3),
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The check a probe spec asks for, against one instance. */
export function probeAction(spec: ProbeSpec, target: ProbeTarget): ProbeAction {
  const fail = (message: string): ProbeAction => () => Promise.resolve({ ok: false, message });
  if (spec.exec !== undefined) {
    const argv = spec.exec.command ?? [];
    if (argv.length === 0) return fail('exec probe has no command');
    return (timeoutMs, signal) => execCheck(target, argv, timeoutMs, signal);
  }
  const net = spec.httpGet ?? spec.tcpSocket;
  if (net === undefined) return fail(spec.grpc !== undefined ? 'grpc probes are not supported by berth' : 'probe has no handler');
  const host = net.host === undefined || net.host === '' ? target.nodeAddress : net.host;
  if (host !== target.nodeAddress && !isLoopback(host)) return fail(`probe host ${JSON.stringify(host)} is not allowed: probes reach only the node address or loopback`);
  const port = resolvePort(net.port, target.ports);
  if (port === undefined) return fail(`probe port ${JSON.stringify(net.port)} is not a port number or a named port of the container`);
  if (spec.httpGet !== undefined) {
    const get = spec.httpGet;
    return (timeoutMs, signal) => httpCheck(get, host, port, target.maxOutputBytes, timeoutMs, signal);
  }
  return (timeoutMs, signal) => tcpCheck(host, port, timeoutMs, signal);
}

async function execCheck(target: ProbeTarget, argv: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<ProbeOutcome> {
  try {
    const session = target.runtime.exec(target.instanceId, argv, { timeoutMs, signal });
    let output = Buffer.alloc(0);
    const read = (async () => {
      for await (const chunk of session.output) {
        if (output.length < target.maxOutputBytes) output = Buffer.concat([output, chunk.data]).subarray(0, target.maxOutputBytes);
      }
    })();
    const [code] = await Promise.all([session.exitCode, read]);
    const text = output.toString('utf8').trim();
    if (code === 0) return { ok: true, message: text };
    const why = code === 124 ? `command timed out after ${timeoutMs / 1000}s` : `command exited with ${code}`;
    return { ok: false, message: text === '' ? why : `${why}: ${text}` };
  } catch (e) {
    return { ok: false, message: `exec failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function httpCheck(get: NonNullable<ProbeSpec['httpGet']>, host: string, port: number, maxBytes: number, timeoutMs: number, signal: AbortSignal): Promise<ProbeOutcome> {
  const https = (get.scheme ?? 'HTTP').toUpperCase() === 'HTTPS';
  const path = get.path === undefined || get.path === '' ? '/' : get.path.startsWith('/') ? get.path : `/${get.path}`;
  const url = `${https ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
  const headers: Record<string, string> = { 'User-Agent': 'berth-probe/1.0', Accept: '*/*' };
  for (const h of get.httpHeaders ?? []) if (h.name !== undefined && h.name !== '') headers[h.name] = h.value ?? '';
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(o);
    };
    const onResponse = (res: IncomingMessage): void => {
      const code = res.statusCode ?? 0;
      let body = '';
      res.on('data', (chunk: Buffer) => {
        if (body.length < maxBytes) body += chunk.toString('utf8', 0, Math.min(chunk.length, maxBytes - body.length));
        else done(verdict(code, body));
      });
      res.on('end', () => done(verdict(code, body)));
      res.on('error', () => done(verdict(code, body)));
    };
    const options = { method: 'GET', headers, signal, ...(https ? { rejectUnauthorized: false } : {}) };
    const req = https ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
    const timer = setTimeout(() => done({ ok: false, message: `Get "${url}": timeout after ${timeoutMs}ms` }), timeoutMs);
    req.on('error', (e) => done({ ok: false, message: `Get "${url}": ${e.message}` }));
    req.end();
  });
}

function verdict(code: number, body: string): ProbeOutcome {
  if (code >= 200 && code < 400) return { ok: true, message: '' };
  return { ok: false, message: `HTTP probe failed with statuscode: ${code}${body.trim() === '' ? '' : `: ${body.trim()}`}` };
}

function tcpCheck(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, signal });
    const done = (o: ProbeOutcome): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => done({ ok: false, message: `dial tcp ${host}:${port}: timeout after ${timeoutMs}ms` }), timeoutMs);
    socket.once('connect', () => done({ ok: true, message: '' }));
    socket.once('error', (e) => done({ ok: false, message: `dial tcp ${host}:${port}: ${e.message}` }));
  });
}

/**
 * Runs one probe of one instance until stop(). `onResult` hears each change of the result (the
 * first success or failure too); a readiness probe counts as failed until its first success.
 */
export class ProbeRunner {
  private timer: unknown;
  private stopped = false;
  private successes = 0;
  private failures = 0;
  private result: boolean | undefined;
  private readonly abort = new AbortController();

  constructor(
    readonly kind: ProbeKind,
    private readonly timing: ProbeTiming,
    private readonly action: ProbeAction,
    private readonly timers: PodTimers,
    private readonly onResult: (ok: boolean, message: string) => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.schedule(this.timing.initialDelayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.abort.abort();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.run().then(
        () => this.schedule(this.timing.periodMs),
        (err: unknown) => {
          this.onError(err);
          this.schedule(this.timing.periodMs);
        },
      );
    }, ms);
  }

  private async run(): Promise<void> {
    const outcome = await this.action(this.timing.timeoutMs, this.abort.signal);
    if (this.stopped) return;
    if (outcome.ok) {
      this.failures = 0;
      this.successes++;
      if (this.successes >= this.timing.successThreshold && this.result !== true) {
        this.result = true;
        this.onResult(true, outcome.message);
      }
    } else {
      this.successes = 0;
      this.failures++;
      if (this.failures >= this.timing.failureThreshold && this.result !== false) {
        this.result = false;
        this.onResult(false, outcome.message);
      }
    }
  }
}
