// Heartbeats: every interval, the node's usage and each pod's, up the stream. They are the
// leader's only evidence that this node is alive (it keeps them in memory and writes nothing
// while they keep coming).
import type { KubeObject } from '../../client/index.js';
import type { PodWorker } from '../pods/index.js';
import type { AgentConnection } from './connection.js';
import type { Usage } from '../runtime/index.js';

/** Pods whose usage is measured per heartbeat; more are reported without usage. */
const MAX_PODS_MEASURED = 1024;

export class HeartbeatLoop {
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private busy = false;

  constructor(
    private readonly conn: AgentConnection,
    private readonly deps: { readonly hostUsage?: () => Usage | undefined },
    private readonly pods: () => { pod: KubeObject; worker: PodWorker }[],
  ) {}

  start(intervalMs: number): void {
    this.stop();
    void this.beat();
    this.timer = setInterval(() => void this.beat(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async beat(): Promise<void> {
    // A slow measurement must not pile up beats; the next one goes when this one is done.
    if (this.busy) return;
    this.busy = true;
    try {
      const pods = await Promise.all(
        this.pods()
          .slice(0, MAX_PODS_MEASURED)
          .map(async ({ pod, worker }) => {
            const u = await worker.usage().catch(() => undefined);
            return {
              namespace: String(pod.metadata.namespace),
              name: String(pod.metadata.name),
              uid: String(pod.metadata.uid),
              usage: { cpuMillicores: Math.round(u?.cpuMillicores ?? 0), memoryBytes: Math.round(u?.memoryBytes ?? 0) },
              containers: (u?.containers ?? []).map((c) => ({ name: c.name, usage: { cpuMillicores: Math.round(c.cpuMillicores), memoryBytes: Math.round(c.memoryBytes) } })),
            };
          }),
      );
      const host = this.deps.hostUsage?.();
      const node = { cpuMillicores: Math.round(host?.cpuMillicores ?? 0), memoryBytes: Math.round(host?.memoryBytes ?? 0) };
      this.conn.send({ heartbeat: { seq: ++this.seq, node, pods } });
    } finally {
      this.busy = false;
    }
  }
}
