// A fake Runtime, for benchmarks only (`berth agent --simulate N`): behind the declared Runtime
// seam, it "starts" a container at once without running anything (pid 0, no process, no files)
// and "stops" it at once with exit code 0. With it, one process can play a thousand nodes and
// measure what the control plane pays for them, not what the host pays for their pods. Tests of
// real behaviour use the process runtime. Each instance costs one small object in one map.
import { BerthError } from '../../client/index.js';
import type { ContainerConfig, ContainerInstance, ExecOptions, ExecSession, LogOptions, Runtime, Usage } from './types.js';

/** What `logs()` yields for every container: there is no output to show. */
const FAKE_LOG_LINE = 'fake runtime: no output\n';
/** What `usage()` reports for every running instance. */
const FAKE_USAGE: Usage = { cpuMillicores: 1, memoryBytes: 1 << 20 };

export class FakeRuntime implements Runtime {
  readonly name = 'fake';
  readonly version = '0.1.0';
  private readonly instances = new Map<string, ContainerInstance>();
  private readonly listeners = new Set<(instance: ContainerInstance) => void>();

  async recover(): Promise<ContainerInstance[]> {
    return [];
  }

  async start(config: ContainerConfig): Promise<ContainerInstance> {
    const instance: ContainerInstance = {
      id: `${config.podUid}/${config.name}/${config.attempt}`,
      podUid: config.podUid,
      name: config.name,
      attempt: config.attempt,
      init: config.init,
      state: { state: 'running', pid: 0, startedAt: new Date() },
    };
    this.instances.set(instance.id, instance);
    return instance;
  }

  /** Ends a running instance at once with exit code 0, whatever the grace. */
  async stop(id: string, _graceMs: number): Promise<ContainerInstance> {
    const cur = this.instances.get(id);
    if (cur === undefined) throw new BerthError('NOT_FOUND', `fake runtime: no container instance ${id}`);
    if (cur.state.state !== 'running') return cur;
    const exited: ContainerInstance = {
      ...cur,
      state: { state: 'exited', exitCode: 0, reason: 'Completed', startedAt: cur.state.startedAt, finishedAt: new Date() },
    };
    this.instances.set(id, exited);
    for (const listener of [...this.listeners]) listener(exited);
    return exited;
  }

  async remove(id: string): Promise<void> {
    this.instances.delete(id);
  }

  async removePod(podUid: string): Promise<void> {
    for (const [id, inst] of this.instances) if (inst.podUid === podUid) this.instances.delete(id);
  }

  status(id: string): ContainerInstance | undefined {
    return this.instances.get(id);
  }

  list(): ContainerInstance[] {
    return [...this.instances.values()];
  }

  onExit(listener: (instance: ContainerInstance) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One line saying there is no output; with follow, then nothing until the signal aborts. */
  async *logs(_podUid: string, _container: string, options: LogOptions): AsyncIterable<Buffer> {
    yield Buffer.from(FAKE_LOG_LINE);
    if (!options.follow || options.signal.aborted) return;
    await new Promise<void>((resolve) => options.signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  /** Every command "succeeds" at once, with no output. */
  exec(_id: string, _argv: readonly string[], _options: ExecOptions): ExecSession {
    return { output: noOutput(), exitCode: Promise.resolve(0) };
  }

  async usage(id: string): Promise<Usage | undefined> {
    return this.instances.get(id)?.state.state === 'running' ? FAKE_USAGE : undefined;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

type ExecOutput = { readonly stream: 'stdout' | 'stderr'; readonly data: Buffer };

/** An output stream that ends at once. */
function noOutput(): AsyncIterable<ExecOutput> {
  return { [Symbol.asyncIterator]: () => ({ next: async (): Promise<IteratorResult<ExecOutput>> => ({ done: true, value: undefined }) }) };
}
