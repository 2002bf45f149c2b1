// Proves the pure rules of node liveness: what a registration writes, what a silent node becomes,
// how long each pod tolerates an unreachable node, and that liveness options are checked.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { compileNodeServiceOptions } from '../../server/nodes/index.js';
import { evictionDelayMs, podNotReady, readyStatus, registeredNode, unreachableNode, UNREACHABLE_TAINT } from '../../server/nodes/node-state.js';

const T0 = '2026-11-22T08:00:00Z';
const T1 = '2026-11-22T08:00:05Z';

function reported(labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1', labels },
    status: { capacity: { cpu: '2', memory: '1024Ki', pods: '110' }, addresses: [{ type: 'InternalIP', address: '127.0.0.1' }] },
  };
}

function pod(tolerations?: unknown[]): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'n1', ...(tolerations ? { tolerations } : {}) } };
}

describe('registeredNode', () => {
  it('makes a new Ready node with the reported status', () => {
    const n = registeredNode(undefined, reported({ zone: 'a' }), T0);
    expect(readyStatus(n)).toBe('True');
    expect(n.metadata.labels).toEqual({ zone: 'a' });
    expect((n.status as { capacity: unknown }).capacity).toEqual({ cpu: '2', memory: '1024Ki', pods: '110' });
  });

  it('keeps labels others set, drops the unreachable taint, keeps other taints and the transition time of an unchanged Ready', () => {
    const first = registeredNode(undefined, reported(), T0);
    const stored: KubeObject = {
      ...first,
      metadata: { ...first.metadata, labels: { team: 'x' } },
      spec: { unschedulable: true, taints: [{ key: UNREACHABLE_TAINT, effect: 'NoExecute' }, { key: 'gpu', effect: 'NoSchedule' }] },
    };
    const again = registeredNode(stored, reported({ zone: 'b' }), T1);
    expect(again.metadata.labels).toEqual({ team: 'x', zone: 'b' });
    expect(again.spec).toEqual({ unschedulable: true, taints: [{ key: 'gpu', effect: 'NoSchedule' }] });
    const ready = (again.status as { conditions: { type: string; lastTransitionTime: string }[] }).conditions.find((c) => c.type === 'Ready');
    expect(ready?.lastTransitionTime).toBe(T0);
  });
});

describe('unreachableNode', () => {
  it('sets Ready=Unknown with a reason and adds the NoExecute taint once', () => {
    const n = unreachableNode(unreachableNode(registeredNode(undefined, reported(), T0), T1, 4200), T1, 4200);
    expect(readyStatus(n)).toBe('Unknown');
    const cond = (n.status as { conditions: { type: string; reason: string; message: string; lastTransitionTime: string }[] }).conditions.find((c) => c.type === 'Ready')!;
    expect(cond.reason).toBe('NodeStatusUnknown');
    expect(cond.message).toContain('4.2s');
    expect(cond.lastTransitionTime).toBe(T1);
    expect((n.spec as { taints: unknown[] }).taints).toEqual([{ key: UNREACHABLE_TAINT, effect: 'NoExecute', timeAdded: T1 }]);
  });
});

describe('podNotReady', () => {
  it('sets Ready and ContainersReady False, and leaves a pod that is already not ready alone', () => {
    const running: KubeObject = { ...pod(), status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'ContainersReady', status: 'True' }] } };
    const out = podNotReady(running, T1);
    const conds = (out.status as { conditions: { type: string; status: string; reason?: string }[] }).conditions;
    expect(conds.filter((c) => c.status === 'False').map((c) => c.type).sort()).toEqual(['ContainersReady', 'Ready']);
    expect(podNotReady(out, T1)).toBe(out);
  });
});

describe('evictionDelayMs', () => {
  it('uses the default without a matching toleration', () => {
    expect(evictionDelayMs(pod(), 5000)).toBe(5000);
    expect(evictionDelayMs(pod([{ key: 'other', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 1 }]), 5000)).toBe(5000);
    expect(evictionDelayMs(pod([{ key: UNREACHABLE_TAINT, operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 1 }]), 5000)).toBe(5000);
  });

  it('uses tolerationSeconds of a matching toleration, forever without it, and an empty-key Exists matches', () => {
    expect(evictionDelayMs(pod([{ key: UNREACHABLE_TAINT, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }]), 5000)).toBe(30_000);
    expect(evictionDelayMs(pod([{ key: UNREACHABLE_TAINT, operator: 'Exists', effect: 'NoExecute' }]), 5000)).toBe(Infinity);
    expect(evictionDelayMs(pod([{ operator: 'Exists', tolerationSeconds: 2 }]), 5000)).toBe(2000);
    expect(evictionDelayMs(pod([{ operator: 'Exists', tolerationSeconds: 0 }]), 5000)).toBe(0);
  });
});

describe('compileNodeServiceOptions', () => {
  it('fills the documented defaults', () => {
    const o = compileNodeServiceOptions();
    expect([o.heartbeatIntervalMs, o.notReadyAfterMs, o.evictAfterMs]).toEqual([1000, 4000, 5000]);
  });

  it('names the bad option and the rule', () => {
    expect(() => compileNodeServiceOptions({ notReadyAfterMs: 500 })).toThrow('nodes.notReadyAfterMs: must be longer than heartbeatIntervalMs (1000) (got 500)');
    expect(() => compileNodeServiceOptions({ evictAfterMs: -1 })).toThrow('nodes.evictAfterMs: must be an integer >= 0 (got -1)');
  });
});
