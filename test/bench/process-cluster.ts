// What the two systems under test share: a fixed set of member processes that the benchmark
// starts, kills with -9, restarts with the same data and waits on. Each system says how to
// spawn a member and when the cluster is healthy.
import type { ManagedProcess } from '../support/procs.js';
import { waitFor } from '../support/procs.js';

/** How long a cluster may take to become healthy (start, or after a restart). */
export const READY_TIMEOUT_MS = 30_000;

export abstract class ProcessCluster<M extends { proc: ManagedProcess | undefined }> {
  abstract readonly name: string;
  readonly size = 3;
  protected members: M[] = [];

  /** Starts member `i`'s process (again), with its data directory. */
  protected abstract spawn(i: number): void;

  /** Whether all members are up, agree on one leader and the cluster accepts writes. */
  protected abstract healthy(): Promise<boolean>;

  pids(): number[] {
    return this.members.map((m) => (m.proc?.running === true ? m.proc.pid : 0));
  }

  async kill(member: number): Promise<void> {
    await this.member(member).proc?.kill();
  }

  async restart(member: number): Promise<void> {
    this.spawn(member);
  }

  async waitHealthy(): Promise<void> {
    await waitFor(() => this.healthy(), { what: `the ${this.name} cluster to be healthy`, timeoutMs: READY_TIMEOUT_MS, intervalMs: 100 });
  }

  async stop(): Promise<void> {
    await Promise.all(this.members.map((m) => m.proc?.stop()));
  }

  protected member(i: number): M {
    const m = this.members[i];
    if (m === undefined) throw new Error(`${this.name}: no member ${i}`);
    return m;
  }
}
