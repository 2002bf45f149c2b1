// Logs and Exec: a client's call is relayed to the agent of the pod's node over that agent's
// stream, and the agent's output is relayed back. The leader holds at most
// maxRelayBufferedBytes of output for a slow client; past that the request ends with
// RESOURCE_EXHAUSTED rather than growing the leader's memory.
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { KubeObject } from '../../client/index.js';
import { BerthError, InvalidError, isErrorCode, resolveKind } from '../../client/index.js';
import type { ExecRequest__Output } from '../../proto/gen/berth/v1/ExecRequest.js';
import type { ExecResponse } from '../../proto/gen/berth/v1/ExecResponse.js';
import type { LogsRequest__Output } from '../../proto/gen/berth/v1/LogsRequest.js';
import type { LogsResponse } from '../../proto/gen/berth/v1/LogsResponse.js';
import type { ServerMessage } from '../../proto/gen/berth/v1/ServerMessage.js';
import type { StreamData__Output } from '../../proto/gen/berth/v1/StreamData.js';
import type { ObjectRegistry } from '../api/index.js';
import { failStream } from '../api/index.js';
import type { AgentSession } from './agent-session.js';
import type { CompiledNodeServiceOptions } from './options.js';

const POD = resolveKind('Pod');

export interface RelayDeps {
  readonly reg: ObjectRegistry;
  readonly opts: CompiledNodeServiceOptions;
  readonly session: (node: string) => AgentSession | undefined;
}

interface Target {
  readonly session: AgentSession;
  readonly uid: string;
  readonly container: string;
}

function containerNames(pod: KubeObject, key: 'containers' | 'initContainers'): string[] {
  const list = ((pod.spec ?? {}) as Record<string, { name?: string }[] | undefined>)[key] ?? [];
  return list.map((c) => String(c.name));
}

/** The pod's agent session and the container a request names (or the pod's only one). */
async function targetOf(deps: RelayDeps, namespace: string, name: string, container: string): Promise<Target> {
  if (name === '') throw new InvalidError('pod: required', { causes: [{ field: 'pod', message: 'required' }] });
  const pod = await deps.reg.get(POD, namespace === '' ? 'default' : namespace, name);
  const apps = containerNames(pod, 'containers');
  const inits = containerNames(pod, 'initContainers');
  let chosen = container;
  if (chosen === '') {
    if (apps.length !== 1) {
      const init = inits.length > 0 ? ` or one of the init containers: [${inits.join(' ')}]` : '';
      throw new InvalidError(`a container name must be specified for pod ${name}, choose one of: [${apps.join(' ')}]${init}`);
    }
    chosen = apps[0]!;
  } else if (!apps.includes(chosen) && !inits.includes(chosen)) {
    throw new InvalidError(`container ${chosen} is not valid for pod ${name}`);
  }
  const node = ((pod.spec ?? {}) as { nodeName?: string }).nodeName ?? '';
  if (node === '') throw new BerthError('FAILED_PRECONDITION', `pod ${name} is not on a node yet (it is not scheduled)`);
  const session = deps.session(node);
  if (session === undefined) throw new BerthError('UNAVAILABLE', `node ${node} of pod ${name} is not connected to the control plane; its agent may be down`);
  return { session, uid: pod.metadata.uid ?? '', container: chosen };
}

function agentError(m: StreamData__Output): BerthError {
  return new BerthError(isErrorCode(m.errorCode) ? m.errorCode : 'INTERNAL', m.error);
}

/** Relays one request: writes what `toResponse` makes of each output message, ends with the last. */
function relay<Res>(
  call: ServerWritableStream<unknown, Res>,
  deps: RelayDeps,
  target: Target,
  send: (id: string) => ServerMessage,
  toResponse: (m: StreamData__Output) => Res | undefined,
): void {
  const method = 'NodeService/relay';
  let id = '';
  const sink = {
    data: (m: StreamData__Output) => {
      if (m.error !== '' || m.errorCode !== '') return failStream(call, agentError(m), deps.opts.logger, method);
      const res = toResponse(m);
      if (res !== undefined && !call.writableEnded) call.write(res);
      if (m.end) return call.end();
      if (call.writableLength > deps.opts.maxRelayBufferedBytes) {
        target.session.cancel(id);
        failStream(call, new BerthError('RESOURCE_EXHAUSTED', `the client is reading too slowly: more than ${deps.opts.maxRelayBufferedBytes} bytes waiting (maxRelayBufferedBytes)`), deps.opts.logger, method);
      }
    },
    lost: (err: BerthError) => failStream(call, new BerthError('UNAVAILABLE', `lost the stream to the pod's node: ${err.message}`), deps.opts.logger, method),
  };
  id = target.session.request(send, sink);
  call.on('cancelled', () => target.session.cancel(id));
}

export async function relayLogs(call: ServerWritableStream<LogsRequest__Output, LogsResponse>, deps: RelayDeps): Promise<void> {
  const req = call.request;
  if (req.tailLines !== undefined && req.tailLines !== null && req.tailLines < 0) throw new InvalidError(`tail_lines: must be >= 0 (got ${req.tailLines})`);
  if (req.limitBytes !== undefined && req.limitBytes !== null && req.limitBytes < 1) throw new InvalidError(`limit_bytes: must be >= 1 (got ${req.limitBytes})`);
  const target = await targetOf(deps, req.namespace, req.pod, req.container);
  relay(call, deps, target, (requestId) => ({ logs: { requestId, uid: target.uid, request: { ...req, container: target.container } } }), (m) =>
    m.stdout.length > 0 ? { data: m.stdout } : undefined,
  );
}

export async function relayExec(call: ServerWritableStream<ExecRequest__Output, ExecResponse>, deps: RelayDeps): Promise<void> {
  const req = call.request;
  if (req.command.length === 0 || req.command[0] === '') throw new InvalidError('command: required (the program to run and its arguments)', { causes: [{ field: 'command', message: 'required' }] });
  if (req.stdin.length > deps.opts.maxExecStdinBytes) throw new InvalidError(`stdin: at most ${deps.opts.maxExecStdinBytes} bytes (got ${req.stdin.length})`);
  if (req.timeoutSeconds > deps.opts.maxExecTimeoutSeconds) throw new InvalidError(`timeout_seconds: must be <= ${deps.opts.maxExecTimeoutSeconds} (got ${req.timeoutSeconds})`);
  const timeoutSeconds = req.timeoutSeconds === 0 ? deps.opts.defaultExecTimeoutSeconds : req.timeoutSeconds;
  const target = await targetOf(deps, req.namespace, req.pod, req.container);
  relay(call, deps, target, (requestId) => ({ exec: { requestId, uid: target.uid, request: { ...req, container: target.container, timeoutSeconds } } }), (m) => {
    const out: ExecResponse = {};
    if (m.stdout.length > 0) out.stdout = m.stdout;
    if (m.stderr.length > 0) out.stderr = m.stderr;
    if (m.end && m.exitCode !== undefined && m.exitCode !== null) out.exitCode = m.exitCode;
    return Object.keys(out).length > 0 ? out : undefined;
  });
}
