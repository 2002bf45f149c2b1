// An instance's CPU and memory use, from its cgroup's counters when it has one and from /proc
// (summed over its process group) when not. CPU is a rate, so each measurement is compared with
// the previous one for the same instance.
import { cgroupUsage } from './cgroups.js';
import { processGroupUsage } from './proc.js';
import type { RuntimeContext } from './runtime-context.js';
import type { Usage } from './types.js';

export async function instanceUsage(ctx: RuntimeContext, id: string): Promise<Usage | undefined> {
  const e = ctx.entries.get(id);
  if (e === undefined || e.record.exited !== undefined) return undefined;
  const r = e.record;
  const raw = r.cgroup !== undefined ? await cgroupUsage(r.cgroup) : await processGroupUsage(r.pgid, r.startTimeTicks);
  if (raw === undefined) return undefined;
  const now = Date.now();
  // The first measurement covers the time since the instance started.
  const prev = e.lastUsage ?? { cpuNanos: 0, atMs: r.startedAt === undefined ? now : Date.parse(r.startedAt) };
  e.lastUsage = { cpuNanos: raw.cpuNanos, atMs: now };
  const wallNanos = (now - prev.atMs) * 1e6;
  const cpuMillicores = wallNanos > 0 ? Math.max(0, ((raw.cpuNanos - prev.cpuNanos) / wallNanos) * 1000) : 0;
  return { cpuMillicores, memoryBytes: raw.memoryBytes };
}
