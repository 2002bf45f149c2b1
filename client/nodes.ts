// client.nodes: the calls about nodes. Logs, Exec and Usage go to NodeService, which only the
// leader serves: a follower answers NOT_LEADER naming the leader's address, and the call goes
// there (to a channel of its own when the leader is not one of the client's servers).
//
// When a call is sent again:
// - Logs and Usage are reads: retried on UNAVAILABLE, NOT_LEADER, TIMEOUT and connection
//   failures, but a log stream only until its first chunk arrived (after that, a retry would
//   repeat output the caller already has).
// - Exec runs a command, which must not run twice: it is sent again only when it provably never
//   reached a leader (the connection could not be made, or the replica answered NOT_LEADER).
//
// cordon, uncordon and drain are object calls, made through the client's ObjectApi (drain.ts).
import { connectivityState } from '@grpc/grpc-js';
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { ExecResponse__Output } from '../proto/gen/berth/v1/ExecResponse.js';
import type { LogsRequest } from '../proto/gen/berth/v1/LogsRequest.js';
import type { LogsResponse__Output } from '../proto/gen/berth/v1/LogsResponse.js';
import type { NodeServiceClient } from '../proto/gen/berth/v1/NodeService.js';
import type { ResourceUsage__Output } from '../proto/gen/berth/v1/ResourceUsage.js';
import type { UsageResponse__Output } from '../proto/gen/berth/v1/UsageResponse.js';
import { nodeProto } from '../proto/load.js';
import { unaryCall } from './call.js';
import { isServerAddress } from './config.js';
import { channelOptions } from './endpoints.js';
import type { Endpoint, EndpointPool } from './endpoints.js';
import { BerthError } from './errors.js';
import { fromGrpcError } from './grpc-errors.js';
import type { KubeObject } from './objects/types.js';
import type { CompiledConnectOptions } from './options.js';
import { backoffMs, shouldRetry } from './retry.js';
import { aborted, bad, cancelled, checkInt, pause } from './call-options.js';
import { cordonNode, drainNode } from './drain.js';
import type { DrainApi, DrainOptions, DrainResult } from './drain.js';

/** The most output execCollect() gathers (stdout and stderr together) before it gives up. */
export const MAX_EXEC_COLLECT_BYTES = 16 << 20;

// ---- Public types ------------------------------------------------------------------------------

export interface LogsOptions {
  /** @default "default" */
  namespace?: string;
  /** Needed when the pod has more than one container. */
  container?: string;
  /** Keep streaming new output until the server ends the stream or `signal` aborts. */
  follow?: boolean;
  /** Only the last N lines. @default all */
  tailLines?: number;
  /** The log of the container's previous instance (before its last restart). */
  previous?: boolean;
  /** At most this many bytes. @default no limit */
  limitBytes?: number;
  /** Aborting ends the iteration quietly (and the call). */
  signal?: AbortSignal;
}

export interface ExecOptions {
  /** @default "default" */
  namespace?: string;
  /** Needed when the pod has more than one container. */
  container?: string;
  /** Given to the command's standard input, which is then closed. @default empty */
  stdin?: Buffer;
  /** How long the command may run. @default the server's */
  timeoutSeconds?: number;
  /** Aborting ends the call; the iteration fails with CANCELLED. */
  signal?: AbortSignal;
}

export interface ExecCollectOptions extends ExecOptions {
  /** Most bytes of stdout and stderr together. @default MAX_EXEC_COLLECT_BYTES (16 MiB) */
  maxOutputBytes?: number;
}

/** One piece of an exec's output; the last one has the exit code. */
export interface ExecOutput {
  stdout?: Buffer;
  stderr?: Buffer;
  exitCode?: number;
}

export interface ExecResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

export interface ResourceUsage {
  cpuMillicores: number;
  memoryBytes: number;
}

export interface NodeUsage {
  name: string;
  usage: ResourceUsage;
  /** RFC 3339: when the leader last heard from the node's agent; "" when never. */
  lastHeartbeatTime: string;
}

export interface ContainerUsage {
  name: string;
  usage: ResourceUsage;
}

export interface PodUsage {
  namespace: string;
  name: string;
  uid: string;
  /** The node the pod runs on. */
  node: string;
  usage: ResourceUsage;
  containers: ContainerUsage[];
}

export interface ClusterUsage {
  nodes: NodeUsage[];
  pods: PodUsage[];
}

// ---- Requests ----------------------------------------------------------------------------------

function checkPod(pod: unknown): string {
  if (typeof pod !== 'string' || pod === '') throw bad('pod', 'must be a pod name', pod);
  return pod;
}

/** The LogsRequest of a logs() call; throws InvalidError naming a bad option. */
export function logsRequest(pod: string, options: LogsOptions): LogsRequest {
  const tailLines = checkInt('tailLines', options.tailLines, 0);
  const limitBytes = checkInt('limitBytes', options.limitBytes, 1);
  return {
    namespace: options.namespace || 'default',
    pod: checkPod(pod),
    container: options.container ?? '',
    follow: options.follow ?? false,
    previous: options.previous ?? false,
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
  };
}

function execRequest(pod: string, command: readonly string[], options: ExecOptions): Record<string, unknown> {
  if (!Array.isArray(command) || command.length === 0 || command.some((c) => typeof c !== 'string')) {
    throw bad('command', 'must be a non-empty list of strings', command);
  }
  return {
    namespace: options.namespace || 'default',
    pod: checkPod(pod),
    container: options.container ?? '',
    command: [...command],
    stdin: options.stdin ?? Buffer.alloc(0),
    timeoutSeconds: checkInt('timeoutSeconds', options.timeoutSeconds, 0) ?? 0,
  };
}

function usageOf(u: ResourceUsage__Output | null): ResourceUsage {
  return { cpuMillicores: u?.cpuMillicores ?? 0, memoryBytes: u?.memoryBytes ?? 0 };
}

export function clusterUsage(res: UsageResponse__Output): ClusterUsage {
  return {
    nodes: res.nodes.map((n) => ({ name: n.name, usage: usageOf(n.usage), lastHeartbeatTime: n.lastHeartbeatTime })),
    pods: res.pods.map((p) => ({
      namespace: p.namespace,
      name: p.name,
      uid: p.uid,
      node: p.node,
      usage: usageOf(p.usage),
      containers: p.containers.map((c) => ({ name: c.name, usage: usageOf(c.usage) })),
    })),
  };
}

// ---- Retry -------------------------------------------------------------------------------------

type Rule = 'read' | 'exec';

/** Whether a failed call may be sent again: reads by retry.ts' rule, exec only if it never ran. */
export function mayResend(rule: Rule, err: BerthError): boolean {
  if (rule === 'read') return shouldRetry('read', err);
  return err.details['connected'] === false || err.code === 'NOT_LEADER';
}

/** A function, so that TypeScript does not assume an earlier check still holds after an await. */
/** Resolves once `channel` is connected; fails (connected: false) as soon as it cannot connect. */
function channelReady(channel: ReturnType<NodeServiceClient['getChannel']>, address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const fail = (why: string): void =>
      reject(new BerthError('UNAVAILABLE', `cannot connect to ${address}: ${why}`, { details: { endpoint: address, connected: false } }));
    const check = (): void => {
      const state = channel.getConnectivityState(true);
      if (state === connectivityState.READY) return resolve();
      if (state === connectivityState.TRANSIENT_FAILURE) return fail('the connection failed (is a replica listening there?)');
      if (state === connectivityState.SHUTDOWN) return fail('the client is closed');
      channel.watchConnectivityState(state, deadline, (err) => (err ? fail(`no connection within ${timeoutMs} ms`) : check()));
    };
    check();
  });
}

/** A stream opened, and its first message (or its end) received. */
interface Opened<M> {
  readonly call: ClientReadableStream<M>;
  readonly messages: AsyncIterator<M>;
  readonly first: IteratorResult<M>;
  readonly address: string;
  /** Stops listening to the caller's signal. */
  readonly detach: () => void;
}

/** Ends a call and its iterator; what they fail with afterwards is of no interest. */
function closeStream<M>(o: Opened<M>): void {
  o.detach();
  o.call.cancel();
  o.messages.return?.().catch(() => undefined);
}

// ---- The client --------------------------------------------------------------------------------

export class NodeClient {
  /** NodeService stubs on the endpoints' own channels. */
  private readonly onEndpoint = new WeakMap<Endpoint, NodeServiceClient>();
  /** Stubs of leaders that are not among the endpoints, each on a channel of its own. */
  private readonly others = new Map<string, NodeServiceClient>();
  private closed = false;

  constructor(
    private readonly pool: EndpointPool,
    private readonly opts: CompiledConnectOptions,
    private readonly objects: DrainApi,
  ) {}

  /**
   * A container's log as it arrives, in chunks of bytes. With `follow`, it goes on until the
   * server ends the stream or `signal` aborts (which ends the iteration quietly).
   */
  logs(pod: string, options: LogsOptions = {}): AsyncIterable<Buffer> {
    const request = logsRequest(pod, options);
    const signal = options.signal;
    const open = (): Promise<Opened<LogsResponse__Output>> => this.open('read', signal, `logs of pod ${request.namespace}/${request.pod}`, (s) => s.Logs(request));
    return {
      async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
        let o: Opened<LogsResponse__Output>;
        try {
          o = await open();
        } catch (e) {
          if (aborted(signal)) return;
          throw e;
        }
        try {
          for (let r = o.first; r.done !== true; r = await o.messages.next()) if (r.value.data.length > 0) yield r.value.data;
        } catch (e) {
          if (aborted(signal)) return;
          throw fromGrpcError(e, o.address);
        } finally {
          closeStream(o);
        }
      },
    };
  }

  /**
   * Runs `command` in a container of `pod`: its output as it comes, the exit code in the last
   * piece. Never sent twice (see the top of this file). Aborting `signal` fails with CANCELLED.
   */
  exec(pod: string, command: readonly string[], options: ExecOptions = {}): AsyncIterable<ExecOutput> {
    const request = execRequest(pod, command, options);
    const signal = options.signal;
    const what = `exec in pod ${String(request['namespace'])}/${pod}`;
    const open = (): Promise<Opened<ExecResponse__Output>> => this.open('exec', signal, what, (s) => s.Exec(request));
    return {
      async *[Symbol.asyncIterator](): AsyncGenerator<ExecOutput> {
        const o = await open();
        try {
          for (let r = o.first; r.done !== true; r = await o.messages.next()) {
            const m = r.value;
            const out: ExecOutput = {
              ...(m.stdout.length > 0 ? { stdout: m.stdout } : {}),
              ...(m.stderr.length > 0 ? { stderr: m.stderr } : {}),
              ...(m.exitCode !== undefined ? { exitCode: m.exitCode } : {}),
            };
            if (Object.keys(out).length > 0) yield out;
          }
        } catch (e) {
          if (aborted(signal)) throw cancelled(what);
          throw fromGrpcError(e, o.address);
        } finally {
          closeStream(o);
        }
      },
    };
  }

  /**
   * exec() with its output gathered. More than `maxOutputBytes` of it (16 MiB by default) fails
   * with TOO_LARGE and ends the call: stream such output with exec() instead.
   */
  async execCollect(pod: string, command: readonly string[], options: ExecCollectOptions = {}): Promise<ExecResult> {
    const max = checkInt('maxOutputBytes', options.maxOutputBytes, 0) ?? MAX_EXEC_COLLECT_BYTES;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let exitCode: number | undefined;
    for await (const piece of this.exec(pod, command, options)) {
      size += (piece.stdout?.length ?? 0) + (piece.stderr?.length ?? 0);
      if (size > max) {
        throw new BerthError('TOO_LARGE', `exec in pod ${pod}: the output is over ${max} bytes, more than execCollect gathers; stream it with exec()`, {
          details: { maxOutputBytes: max },
        });
      }
      if (piece.stdout !== undefined) stdout.push(piece.stdout);
      if (piece.stderr !== undefined) stderr.push(piece.stderr);
      if (piece.exitCode !== undefined) exitCode = piece.exitCode;
    }
    if (exitCode === undefined) throw new BerthError('INTERNAL', `exec in pod ${pod}: the server ended the call without an exit code`);
    return { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), exitCode };
  }

  /** Resource usage of the nodes, and of the pods (of `namespace`, else all), as the leader last heard it. */
  async usage(options: { namespace?: string } = {}): Promise<ClusterUsage> {
    const request = { namespace: options.namespace ?? '' };
    const res = await this.attempts('read', undefined, 'usage', (stub) =>
      unaryCall<UsageResponse__Output>((md, o, cb) => stub.Usage(request, md, o, cb), this.opts.timeoutMs),
    );
    return clusterUsage(res);
  }

  /** Marks the node unschedulable: no new pods are placed on it. */
  cordon(name: string): Promise<KubeObject> {
    return cordonNode(this.objects, name, true);
  }

  /** Makes the node schedulable again. */
  uncordon(name: string): Promise<KubeObject> {
    return cordonNode(this.objects, name, false);
  }

  /** Cordons the node, then deletes its pods and waits until they are gone (see drainNode). */
  drain(name: string, options: DrainOptions = {}): Promise<DrainResult> {
    return drainNode(this.objects, name, options);
  }

  close(): void {
    this.closed = true;
    for (const stub of this.others.values()) stub.close();
    this.others.clear();
  }

  /** Opens a stream and waits for its first message, retrying by `rule` until then. */
  private open<M>(rule: Rule, signal: AbortSignal | undefined, what: string, start: (stub: NodeServiceClient) => ClientReadableStream<M>): Promise<Opened<M>> {
    return this.attempts(rule, signal, what, async (stub, address) => {
      const call = start(stub);
      // Errors after the caller stopped reading must not go unhandled.
      call.on('error', () => undefined);
      const messages = call[Symbol.asyncIterator]() as AsyncIterator<M>;
      const onAbort = (): void => call.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
      const detach = (): void => signal?.removeEventListener('abort', onAbort);
      try {
        return { call, messages, first: await messages.next(), address, detach };
      } catch (e) {
        closeStream({ call, messages, first: { done: true, value: undefined }, address, detach });
        throw e;
      }
    });
  }

  /**
   * Runs `attempt` on the current endpoint, or on the leader a NOT_LEADER named, and again while
   * `rule` allows it, up to retry.maxAttempts in all. Throws the last error as a BerthError.
   */
  private async attempts<T>(rule: Rule, signal: AbortSignal | undefined, what: string, attempt: (stub: NodeServiceClient, address: string) => Promise<T>): Promise<T> {
    const { maxAttempts, initialBackoffMs, maxBackoffMs } = this.opts.retry;
    let leader: string | undefined;
    for (let n = 0; ; n++) {
      if (aborted(signal)) throw cancelled(what);
      const address = leader ?? this.pool.addresses[this.pool.currentIndex()] ?? '';
      let err: BerthError;
      try {
        return await attempt(await this.stubAt(leader), address);
      } catch (e) {
        if (aborted(signal)) throw cancelled(what);
        err = fromGrpcError(e, address);
      }
      if (!mayResend(rule, err) || n + 1 >= maxAttempts) throw err;
      leader = this.nextTarget(err, leader);
      await pause(backoffMs(n, initialBackoffMs, maxBackoffMs), signal, what);
    }
  }

  /**
   * Where the next attempt goes: the leader a NOT_LEADER names (through the pool when it is one
   * of the endpoints, else directly), else the next endpoint.
   */
  private nextTarget(err: BerthError, current: string | undefined): string | undefined {
    const named = err.code === 'NOT_LEADER' ? err.details['leaderAddress'] : undefined;
    if (isServerAddress(named)) {
      if (!this.pool.addresses.includes(named)) return named;
      this.pool.advance(named);
      return undefined;
    }
    // A direct leader that failed: back to the endpoints, where the client was.
    if (current === undefined) this.pool.advance();
    return undefined;
  }

  /** A connected NodeService stub: of the current endpoint, or of `address` when given. */
  private async stubAt(address: string | undefined): Promise<NodeServiceClient> {
    if (address === undefined) {
      const ep = await this.pool.ready(this.pool.currentIndex());
      let stub = this.onEndpoint.get(ep);
      if (stub === undefined) {
        // The endpoint's channel is shared, and closed with the pool: this stub is never closed.
        stub = new (nodeProto().NodeService)(ep.address, this.opts.credentials, { channelOverride: ep.kv.getChannel() });
        this.onEndpoint.set(ep, stub);
      }
      return stub;
    }
    if (this.closed || this.pool.isClosed) throw new BerthError('CANCELLED', 'the client is closed');
    let stub = this.others.get(address);
    if (stub === undefined) {
      stub = new (nodeProto().NodeService)(address, this.opts.credentials, channelOptions(this.opts));
      this.others.set(address, stub);
    }
    await channelReady(stub.getChannel(), address, this.opts.connectTimeoutMs);
    return stub;
  }

}

// ---- Cordon and drain --------------------------------------------------------------------------

/** Sets the node's spec.unschedulable with a merge patch; returns the node. */
