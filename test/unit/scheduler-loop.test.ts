// Proves the scheduler's loop against the ControllerContext seam (informers, registry and event
// recorder faked, nothing else): no more than maxBindingsInFlight bindings are in flight, and the
// decisions made meanwhile already count the pods being bound (assumed); a binding that fails is
// forgotten and the pod comes back after its back-off; a binding someone else beat is dropped; a
// write refused for lost leadership stops new writes; close() stops everything.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { KindInfo, KubeObject } from '../../client/index.js';
import { BerthError, resolveKind } from '../../client/index.js';
import type { ObjectRegistry } from '../../server/api/index.js';
import type { ControllerContext, InformerEvent, InformerView } from '../../server/controllers/index.js';
import { compileControllerOptions, NO_SCALING_SINK, NO_SIGNALS } from '../../server/controllers/index.js';
import { compileSchedulerOptions, missingClassMessage, Scheduler } from '../../server/scheduler/index.js';
import { waitFor } from '../support/procs.js';
import { node, pod } from './scheduler-fixtures.js';

class FakeInformer implements InformerView {
  readonly revision = 1;
  private readonly objects = new Map<string, KubeObject>();
  private readonly handlers = new Set<(e: InformerEvent) => void>();

  constructor(readonly kind: KindInfo) {}

  private key(ns: string | undefined, name: string): string {
    return `${ns ?? ''}/${name}`;
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(this.key(namespace, name));
  }

  list(): KubeObject[] {
    return [...this.objects.values()];
  }

  byIndex(): KubeObject[] {
    return [];
  }

  addIndex(): void {}

  on(handler: (e: InformerEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  put(obj: KubeObject): void {
    const k = this.key(obj.metadata.namespace, String(obj.metadata.name));
    const prev = this.objects.get(k);
    this.objects.set(k, obj);
    for (const h of this.handlers) h(prev === undefined ? { type: 'ADDED', object: obj } : { type: 'MODIFIED', object: obj, prev });
  }
}

interface Bind {
  readonly pod: string;
  readonly next: KubeObject;
  resolve(): void;
  reject(err: Error): void;
}

function setup(opts: { maxBindingsInFlight?: number } = {}): {
  s: Scheduler;
  pods: FakeInformer;
  nodes: FakeInformer;
  binds: Bind[];
  events: string[];
  deletes: string[];
} {
  const pods = new FakeInformer(resolveKind('Pod'));
  const nodes = new FakeInformer(resolveKind('Node'));
  const classes = new FakeInformer(resolveKind('PriorityClass'));
  const binds: Bind[] = [];
  const events: string[] = [];
  const deletes: string[] = [];
  const reg = {
    modifyFrom(_kind: KindInfo, cached: KubeObject, change: (cur: KubeObject) => KubeObject) {
      const next = change(structuredClone(cached));
      if ((next.spec as { nodeName?: string }).nodeName === undefined) return Promise.resolve({ object: next, changed: true });
      return new Promise((resolve, reject) => {
        binds.push({ pod: String(cached.metadata.name), next, resolve: () => resolve({ object: next, changed: next !== cached }), reject });
      });
    },
    delete(_kind: KindInfo, _ns: string, name: string) {
      deletes.push(name);
      return Promise.resolve({ pending: false });
    },
  } as unknown as ObjectRegistry;
  const ctx: ControllerContext = {
    reg,
    informers: { of: (k: KindInfo) => (k.kind === 'Pod' ? pods : k.kind === 'Node' ? nodes : classes) },
    queue: { add: () => undefined, addAfter: () => undefined, length: 0 },
    events: { record: (o, type, reason, message) => events.push(`${String(o.metadata.name)} ${type} ${reason} ${message}`) },
    logger: pino({ level: 'silent' }),
    options: compileControllerOptions({ maxBindingsInFlight: opts.maxBindingsInFlight ?? 256, unschedulableRetryMs: 60_000 }),
    signals: NO_SIGNALS,
    scaling: NO_SCALING_SINK,
    now: () => new Date(),
  };
  const s = new Scheduler(ctx, compileSchedulerOptions({ initialBackoffMs: 5, maxBackoffMs: 20, flushIntervalMs: 5 }));
  return { s, pods, nodes, binds, events, deletes };
}

const nodeOfBind = (b: Bind): string => String((b.next.spec as { nodeName?: string }).nodeName);

describe('the scheduling loop', () => {
  it('keeps at most maxBindingsInFlight bindings in flight, counting them in later decisions', async () => {
    const { s, pods, nodes, binds } = setup({ maxBindingsInFlight: 2 });
    try {
      nodes.put(node('n1', { cpu: '1' }));
      nodes.put(node('n2', { cpu: '1' }));
      for (let i = 0; i < 5; i++) pods.put(pod(`p${i}`, { cpu: '500m' }));
      s.start();
      await waitFor(() => binds.length === 2, { what: 'two bindings' });
      await new Promise((r) => setTimeout(r, 30));
      expect(binds.length).toBe(2);
      expect(s.stats().bindsInFlight).toBe(2);
      binds[0]?.resolve();
      binds[1]?.resolve();
      await waitFor(() => binds.length === 4, { what: 'four bindings' });
      // Four 500m pods on two 1-cpu nodes, decided before any binding came back: two per node.
      expect(binds.map(nodeOfBind).sort()).toEqual(['n1', 'n1', 'n2', 'n2']);
      for (const b of binds.slice(2)) b.resolve();
      await waitFor(() => s.stats().unschedulable === 1, { what: 'the fifth pod unschedulable' });
      expect(binds.length).toBe(4);
    } finally {
      s.close();
    }
  });

  it('forgets a failed binding and tries the pod again after its back-off', async () => {
    const { s, pods, nodes, binds, events } = setup();
    try {
      nodes.put(node('n1', { cpu: '1' }));
      pods.put(pod('a', { cpu: '1' }));
      s.start();
      await waitFor(() => binds.length === 1, { what: 'a binding' });
      binds[0]?.reject(new BerthError('CONFLICT', 'someone changed it'));
      // Were the assumption kept, the node would look full and the retry would fail to fit.
      await waitFor(() => binds.length === 2, { what: 'the retry' });
      expect(nodeOfBind(binds[1] as Bind)).toBe('n1');
      binds[1]?.resolve();
      await waitFor(() => events.some((e) => e === 'a Normal Scheduled Successfully assigned default/a to n1'), { what: 'the Scheduled event' });
      expect(s.stats().pending).toBe(0);
    } finally {
      s.close();
    }
  });

  it('stops writing for a while when a write is refused for lost leadership, and stops for good on close', async () => {
    const { s, pods, nodes, binds } = setup();
    nodes.put(node('n1'));
    pods.put(pod('a'));
    s.start();
    await waitFor(() => binds.length === 1, { what: 'a binding' });
    binds[0]?.reject(new BerthError('UNAVAILABLE', 'not the leader any more'));
    await new Promise((r) => setTimeout(r, 100));
    expect(binds.length).toBe(1);
    s.close();
    pods.put(pod('b'));
    await new Promise((r) => setTimeout(r, 50));
    expect(binds.length).toBe(1);
  });

  it('reports an unknown priority class and schedules the pod with priority 0', async () => {
    const { s, pods, nodes, events } = setup();
    try {
      nodes.put(node('n1', { cpu: '1' }));
      pods.put(pod('big', { cpu: '2', priorityClassName: 'gold' }));
      s.start();
      await waitFor(() => events.length > 0, { what: 'an event' });
      expect(events[0]).toBe(`big Warning FailedScheduling 0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod. ${missingClassMessage('gold')}`);
    } finally {
      s.close();
    }
  });
});
