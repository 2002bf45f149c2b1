// Log and exec requests the leader relays from clients: served from the runtime, the output sent
// back up the stream as it comes, waiting for the stream to drain so that a busy log never
// crowds out heartbeats. Each request ends with one message marked `end` (with an error code
// when it failed), and stops when the leader cancels it or the stream breaks.
import { BerthError, isBerthError } from '../../client/index.js';
import type { AgentExecRequest__Output } from '../../proto/gen/berth/v1/AgentExecRequest.js';
import type { AgentLogsRequest__Output } from '../../proto/gen/berth/v1/AgentLogsRequest.js';
import type { PodWorker } from '../pods/index.js';
import type { Runtime } from '../runtime/index.js';
import type { AgentConnection } from './connection.js';

/** Largest piece of output per message. */
const MAX_CHUNK_BYTES = 64 * 1024;

function chunks(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += MAX_CHUNK_BYTES) out.push(data.subarray(i, i + MAX_CHUNK_BYTES));
  return out;
}

export class AgentRequests {
  private readonly open = new Map<string, AbortController>();

  constructor(
    private readonly conn: AgentConnection,
    private readonly runtime: Runtime,
    private readonly worker: (uid: string) => PodWorker | undefined,
  ) {}

  cancel(id: string): void {
    this.open.get(id)?.abort();
    this.open.delete(id);
  }

  cancelAll(): void {
    for (const ac of this.open.values()) ac.abort();
    this.open.clear();
  }

  logs(msg: AgentLogsRequest__Output): void {
    const req = msg.request!;
    void this.serve(msg.requestId, async (signal, emit) => {
      if (this.worker(msg.uid) === undefined) throw notHere(req.pod);
      const stream = this.runtime.logs(msg.uid, req.container, {
        follow: req.follow,
        previous: req.previous,
        signal,
        ...(req.tailLines !== null && req.tailLines !== undefined ? { tailLines: Number(req.tailLines) } : {}),
        ...(req.limitBytes !== null && req.limitBytes !== undefined ? { limitBytes: Number(req.limitBytes) } : {}),
      });
      for await (const data of stream) await emit({ stdout: data });
      return undefined;
    });
  }

  exec(msg: AgentExecRequest__Output): void {
    const req = msg.request!;
    void this.serve(msg.requestId, async (signal, emit) => {
      const worker = this.worker(msg.uid);
      if (worker === undefined) throw notHere(req.pod);
      const id = worker.containerInstanceId(req.container);
      if (id === undefined) throw notRunning(req.container);
      const session = this.runtime.exec(id, req.command, { stdin: req.stdin, timeoutMs: req.timeoutSeconds * 1000, signal });
      for await (const out of session.output) await emit(out.stream === 'stdout' ? { stdout: out.data } : { stderr: out.data });
      return await session.exitCode;
    });
  }

  private async serve(
    id: string,
    work: (signal: AbortSignal, emit: (out: { stdout?: Buffer; stderr?: Buffer }) => Promise<void>) => Promise<number | undefined>,
  ): Promise<void> {
    const ac = new AbortController();
    this.open.set(id, ac);
    const emit = async (out: { stdout?: Buffer; stderr?: Buffer }): Promise<void> => {
      for (const part of chunks(out.stdout ?? out.stderr ?? Buffer.alloc(0))) {
        if (ac.signal.aborted) return;
        await this.conn.whenWritable();
        this.conn.send({ streamData: { requestId: id, ...(out.stdout !== undefined ? { stdout: part } : { stderr: part }) } });
      }
    };
    try {
      const exitCode = await work(ac.signal, emit);
      if (!ac.signal.aborted) this.conn.send({ streamData: { requestId: id, end: true, ...(exitCode !== undefined ? { exitCode } : {}) } });
    } catch (err) {
      if (!ac.signal.aborted) {
        const code = isBerthError(err) ? err.code : 'INTERNAL';
        this.conn.send({ streamData: { requestId: id, end: true, errorCode: code, error: err instanceof Error ? err.message : String(err) } });
      }
    } finally {
      this.open.delete(id);
    }
  }
}

function notHere(pod: string): BerthError {
  return new BerthError('NOT_FOUND', `pod ${pod} is not running on this node`);
}

function notRunning(container: string): BerthError {
  return new BerthError('FAILED_PRECONDITION', `container ${container} is not running`);
}
