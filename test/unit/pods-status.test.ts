// Proves that the pod status is computed as the kubelet computes it (phase per restartPolicy and
// init containers, conditions with stable lastTransitionTime, QoS class, container states with
// lastState), that the restart back-off doubles to its bound and resets, and that the pod worker's
// options are checked.
import { describe, expect, it } from 'vitest';
import { RestartBackoff, formatDuration } from '../../node/pods/backoff.js';
import { compilePodWorkerOptions } from '../../node/pods/options.js';
import { containerStatus, podPhase, podStatus, qosClass, rfc3339 } from '../../node/pods/status.js';
import type { ContainerFacts, PodFacts } from '../../node/pods/status.js';
import type { ContainerInstance } from '../../node/runtime/index.js';

const T = Date.parse('2026-11-22T07:25:00Z');

function running(name: string, attempt = 0): ContainerInstance {
  return { id: `u/${name}/${attempt}`, podUid: 'u', name, attempt, init: false, state: { state: 'running', pid: 1, startedAt: new Date(T) } };
}

function exited(name: string, exitCode: number, attempt = 0): ContainerInstance {
  return { id: `u/${name}/${attempt}`, podUid: 'u', name, attempt, init: false, state: { state: 'exited', exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: new Date(T), finishedAt: new Date(T + 5000) } };
}

function c(name: string, extra: Partial<ContainerFacts> = {}): ContainerFacts {
  return { name, image: 'img', ready: true, started: true, restartCount: 0, ports: [], ...extra };
}

function facts(containers: ContainerFacts[], spec: Record<string, unknown> = {}, extra: Partial<PodFacts> = {}): PodFacts {
  return { spec, hostIP: '10.0.0.1', init: [], containers, nowMs: T, ...extra };
}

describe('podPhase', () => {
  it('is Pending while a container waits and Running once all run', () => {
    expect(podPhase(facts([c('a', { waiting: { reason: 'ContainerCreating' } })]))).toBe('Pending');
    expect(podPhase(facts([c('a', { instance: running('a') }), c('b', { waiting: { reason: 'CreateContainerConfigError' } })]))).toBe('Pending');
    expect(podPhase(facts([c('a', { instance: running('a') })]))).toBe('Running');
  });

  it('stays Running while a crashed container backs off', () => {
    expect(podPhase(facts([c('a', { instance: exited('a', 1), waiting: { reason: 'CrashLoopBackOff' } })]))).toBe('Running');
  });

  it('follows restartPolicy once every container ended', () => {
    const done = [c('a', { instance: exited('a', 0) }), c('b', { instance: exited('b', 1) })];
    const ok = [c('a', { instance: exited('a', 0) })];
    expect(podPhase(facts(ok, { restartPolicy: 'Never' }))).toBe('Succeeded');
    expect(podPhase(facts(ok, { restartPolicy: 'OnFailure' }))).toBe('Succeeded');
    expect(podPhase(facts(done, { restartPolicy: 'Never' }))).toBe('Failed');
    expect(podPhase(facts(done, { restartPolicy: 'OnFailure' }))).toBe('Running');
    expect(podPhase(facts(ok, { restartPolicy: 'Always' }))).toBe('Running');
  });

  it('is Pending during init and Failed when an init container failed under Never', () => {
    const app = c('a', { waiting: { reason: 'PodInitializing' } });
    expect(podPhase(facts([app], {}, { init: [c('i', { instance: running('i') })] }))).toBe('Pending');
    expect(podPhase(facts([app], { restartPolicy: 'Never' }, { init: [c('i', { instance: exited('i', 1), init: true })] }))).toBe('Failed');
    expect(podPhase(facts([app], {}, { init: [c('i', { instance: exited('i', 1), waiting: { reason: 'CrashLoopBackOff' }, init: true })] }))).toBe('Pending');
  });

  it('is terminal after termination: Succeeded only if every container exited 0', () => {
    expect(podPhase(facts([c('a', { instance: exited('a', 0) })], {}, { terminal: {} }))).toBe('Succeeded');
    expect(podPhase(facts([c('a', { instance: exited('a', 143) })], {}, { terminal: {} }))).toBe('Failed');
    expect(podPhase(facts([c('a', { instance: exited('a', 0) })], {}, { terminal: { reason: 'DeadlineExceeded' } }))).toBe('Failed');
  });
});

describe('podStatus', () => {
  it('has the Kubernetes shape, with addresses, times and conditions', () => {
    const s = podStatus(facts([c('a', { instance: running('a'), ports: [{ name: 'http', containerPort: 41000, protocol: 'TCP' }] })], {}, { startTime: rfc3339(T) }));
    expect(s).toEqual({
      phase: 'Running',
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: '2026-11-22T07:25:00Z' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2026-11-22T07:25:00Z' },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: '2026-11-22T07:25:00Z' },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-11-22T07:25:00Z' },
      ],
      hostIP: '10.0.0.1',
      hostIPs: [{ ip: '10.0.0.1' }],
      podIP: '10.0.0.1',
      podIPs: [{ ip: '10.0.0.1' }],
      startTime: '2026-11-22T07:25:00Z',
      containerStatuses: [
        {
          name: 'a',
          state: { running: { startedAt: '2026-11-22T07:25:00Z' } },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: 'img',
          imageID: '',
          containerID: 'process://u/a/0',
          started: true,
          allocatedPorts: [{ name: 'http', containerPort: 41000, protocol: 'TCP' }],
        },
      ],
      qosClass: 'BestEffort',
    });
  });

  it('keeps lastTransitionTime while a condition keeps its status', () => {
    const first = podStatus(facts([c('a', { instance: running('a'), ready: false })]));
    const later = podStatus(facts([c('a', { instance: running('a'), ready: false })], {}, { nowMs: T + 60_000, previous: first }));
    expect(later).toEqual(first);
    const ready = podStatus(facts([c('a', { instance: running('a') })], {}, { nowMs: T + 120_000, previous: later }));
    const times = Object.fromEntries((ready.conditions as { type: string; lastTransitionTime: string }[]).map((x) => [x.type, x.lastTransitionTime]));
    expect(times).toEqual({ Initialized: '2026-11-22T07:25:00Z', Ready: '2026-11-22T07:27:00Z', ContainersReady: '2026-11-22T07:27:00Z', PodScheduled: '2026-11-22T07:25:00Z' });
  });

  it('names the unready and uninitialized containers', () => {
    const s = podStatus(facts([c('a', { waiting: { reason: 'PodInitializing' } })], {}, { init: [c('i', { instance: running('i') })] }));
    expect(s.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [i]' }),
        expect.objectContaining({ type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [a]' }),
      ]),
    );
  });

  it('puts the deadline on the pod', () => {
    const s = podStatus(facts([c('a', { instance: exited('a', 143) })], {}, { terminal: { reason: 'DeadlineExceeded', message: 'too long' } }));
    expect(s).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: 'too long' });
  });
});

describe('containerStatus', () => {
  it('shows a back-off as waiting with the last exit, and a replacing message', () => {
    const inst = exited('a', 137, 2);
    const s = containerStatus(c('a', { instance: { ...inst, state: { ...inst.state, signal: 'SIGKILL' } as ContainerInstance['state'] }, restartCount: 2, waiting: { reason: 'CrashLoopBackOff', message: 'back-off 4s' } }), new Map([['u/a/2', 'Liveness probe failed: x']]));
    expect(s).toMatchObject({
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 4s' } },
      lastState: { terminated: { exitCode: 137, signal: 9, reason: 'Error', message: 'Liveness probe failed: x', startedAt: '2026-11-22T07:25:00Z', finishedAt: '2026-11-22T07:25:05Z', containerID: 'process://u/a/2' } },
      ready: false,
      started: false,
      restartCount: 2,
    });
  });

  it('shows the previous exit as lastState while the next instance runs', () => {
    const s = containerStatus(c('a', { instance: running('a', 1), previous: exited('a', 1, 0), restartCount: 1 }));
    expect(s).toMatchObject({ state: { running: {} }, lastState: { terminated: { exitCode: 1 } }, ready: true });
  });
});

describe('qosClass', () => {
  it('is Guaranteed, Burstable or BestEffort', () => {
    const lim = { limits: { cpu: '1', memory: '1Gi' } };
    expect(qosClass({ containers: [{ resources: lim }] })).toBe('Guaranteed');
    expect(qosClass({ containers: [{ resources: { ...lim, requests: { cpu: '1000m', memory: '1Gi' } } }] })).toBe('Guaranteed');
    expect(qosClass({ containers: [{ resources: { ...lim, requests: { cpu: '500m' } } }] })).toBe('Burstable');
    expect(qosClass({ containers: [{ resources: lim }, {}] })).toBe('Burstable');
    expect(qosClass({ containers: [{ resources: { requests: { memory: '1Mi' } } }] })).toBe('Burstable');
    expect(qosClass({ containers: [{}, {}] })).toBe('BestEffort');
  });
});

describe('RestartBackoff', () => {
  it('doubles from the initial wait to the maximum, and resets after a long run', () => {
    const b = new RestartBackoff(1000, 5000, 60_000);
    expect([0, 0, 0, 0, 0].map(() => b.next(10))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(b.next(60_000)).toBe(1000);
    expect(b.next(0)).toBe(2000);
  });

  it('prints durations as Go does', () => {
    expect([500, 1000, 4000, 1500, 60_000, 90_000].map(formatDuration)).toEqual(['500ms', '1s', '4s', '1.5s', '1m0s', '1m30s']);
  });
});

describe('compilePodWorkerOptions', () => {
  it('fills the defaults', () => {
    expect(compilePodWorkerOptions({})).toEqual({
      backoffInitialMs: 1000,
      backoffMaxMs: 60_000,
      backoffResetAfterMs: 60_000,
      volumeRetryMs: 5000,
      defaultGracePeriodSeconds: 30,
      maxProbeOutputBytes: 10_240,
      maxStatusMessageChars: 1024,
      maxVolumeFiles: 1024,
    });
  });

  it('refuses values out of range with a message naming the field', () => {
    expect(() => compilePodWorkerOptions({ backoffInitialMs: 0 })).toThrow('backoffInitialMs: must be an integer >= 1 (got 0)');
    expect(() => compilePodWorkerOptions({ backoffInitialMs: 5000, backoffMaxMs: 1000 })).toThrow('backoffMaxMs: must be an integer >= backoffInitialMs (5000) (got 1000)');
    expect(() => compilePodWorkerOptions({ volumeRetryMs: 1.5 })).toThrow('volumeRetryMs');
    expect(() => compilePodWorkerOptions({ defaultGracePeriodSeconds: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(compilePodWorkerOptions({ backoffInitialMs: 120_000 }).backoffMaxMs).toBe(120_000);
  });
});
