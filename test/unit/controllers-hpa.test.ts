// Proves the HorizontalPodAutoscaler controller over a real store, with pods' usage and custom
// metrics from a fake PodSignals (the declared seam) and a recording ScalingSink: a Deployment is
// scaled up when cpu is high (spec.replicas written, status, SuccessfulRescale Event and the
// published decision with its inputs), left alone within the tolerance (and nothing more is
// published while nothing changes), scaled down only once the stabilization window has passed on
// the registry's clock, scaled by a custom Pods metric (a stale sample counts as missing), and
// left alone with Kubernetes' conditions when a pod has no cpu request, the target is scaled to
// 0 or does not exist. No ReplicaSet controller runs: the test makes the pods the selector matches.
import { describe, expect, it } from 'vitest';
import type { KubeObject, ScalingDecision } from '../../client/index.js';
import { resolveKind } from '../../client/index.js';
import { hpaTargets } from '../../client/cli/printers/index.js';
import { listObjects } from '../../server/api/index.js';
import type { PodSignals, ScalingSink } from '../../server/controllers/index.js';
import { hpaController } from '../../server/controllers/index.js';
import type { ControllerHarness } from '../support/controllers.js';
import { controllerHarness } from '../support/controllers.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { waitFor } from '../support/procs.js';

const fx = levelFixtures('berth-hpa-');
const POD = resolveKind('Pod');
const DEPLOYMENT = resolveKind('Deployment');
const HPA = resolveKind('HorizontalPodAutoscaler');
const EVENT = resolveKind('Event');
/** The scale-down window the tests run with, passed on the registry's (test-moved) clock. */
const DOWN_WINDOW_MS = 60_000;

type Rec = Record<string, unknown>;

/** The seam: usage and custom metrics the test sets per pod. */
class FakeSignals implements PodSignals {
  readonly cpu = new Map<string, number>();
  readonly metrics = new Map<string, { value: number; atMs: number }>();
  usage(namespace: string, pod: string): { cpuMillicores: number; memoryBytes: number } | undefined {
    const m = this.cpu.get(`${namespace}/${pod}`);
    return m === undefined ? undefined : { cpuMillicores: m, memoryBytes: 64 * 2 ** 20 };
  }
  metric(namespace: string, pod: string, name: string): { value: number; atMs: number } | undefined {
    return this.metrics.get(`${namespace}/${pod}/${name}`);
  }
}

class RecordingSink implements ScalingSink {
  readonly decisions: ScalingDecision[] = [];
  publish(d: ScalingDecision): void {
    this.decisions.push(d);
  }
}

interface Env {
  readonly h: ControllerHarness;
  readonly signals: FakeSignals;
  readonly sink: RecordingSink;
}

/** `syncPeriodMs`: long, for a test that looks at what one pass wrote. */
async function withHpa(fn: (env: Env) => Promise<void>, syncPeriodMs = 40): Promise<void> {
  const signals = new FakeSignals();
  const sink = new RecordingSink();
  const h = await controllerHarness(fx, [hpaController()], {
    realClock: false,
    startMs: Date.parse('2026-03-01T10:00:00Z'),
    hpaSyncPeriodMs: syncPeriodMs,
    hpaDownscaleStabilizationMs: DOWN_WINDOW_MS,
    signals,
    scaling: sink,
  });
  try {
    await fn({ h, signals, sink });
  } finally {
    await h.close();
  }
}

function deployment(replicas: number, name = 'web'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox:1' }] } },
    },
  };
}

/** A running, ready pod of `app` requesting `cpu` (nothing when null). */
async function addPod(h: ControllerHarness, name: string, app = 'web', cpu: string | null = '500m'): Promise<void> {
  const resources = cpu === null ? {} : { requests: { cpu } };
  await h.reg.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app } }, spec: { containers: [{ name: 'c', image: 'busybox:1', resources }] } });
  const since = new Date(h.clock.now).toISOString().slice(0, 19) + 'Z';
  const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: since }] };
  await h.reg.modify(POD, 'default', name, {}, (cur) => ({ ...cur, status }));
}

function cpuHpa(targetPercent: number, extra: Rec = {}, target = 'web'): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: targetPercent } } }],
      ...extra,
    },
  };
}

const replicasOf = async (h: ControllerHarness, name = 'web'): Promise<number> => Number(((await h.reg.get(DEPLOYMENT, 'default', name)).spec as Rec).replicas);
const hpaOf = (h: ControllerHarness): Promise<KubeObject> => h.reg.get(HPA, 'default', 'web');
const statusOf = async (h: ControllerHarness): Promise<Rec> => ((await hpaOf(h)).status ?? {}) as Rec;

function condition(status: Rec, type: string): Rec | undefined {
  return (status.conditions as Rec[] | undefined)?.find((c) => c.type === type);
}

async function events(h: ControllerHarness): Promise<string[]> {
  const page = await listObjects(h.reg, EVENT, { namespace: 'default', labelSelector: '', fieldSelector: '', limit: 0, continueToken: '', stale: false });
  return page.items.filter((e) => (e.involvedObject as Rec | undefined)?.kind === 'HorizontalPodAutoscaler').map((e) => `${String(e.type)} ${String(e.reason)}: ${String(e.message)}`);
}

/** Sets every listed pod's cpu usage. */
function useCpu(signals: FakeSignals, millicores: number, pods: readonly string[]): void {
  for (const p of pods) signals.cpu.set(`default/${p}`, millicores);
}

const WEB3 = ['web-a', 'web-b', 'web-c'];

describe('HorizontalPodAutoscaler controller', () => {
  it('scales a Deployment up when cpu is above target, and says so everywhere', async () => {
    await withHpa(async ({ h, signals, sink }) => {
      await h.reg.create(deployment(3));
      for (const p of WEB3) await addPod(h, p);
      useCpu(signals, 315, WEB3);
      await h.reg.create(cpuHpa(50));
      await waitFor(async () => (await replicasOf(h)) === 4, { what: 'the Deployment scaled to 4' });
      await waitFor(async () => (await statusOf(h)).desiredReplicas === 4, { what: 'the HPA status' });
      const status = await statusOf(h);
      expect(status).toMatchObject({
        currentReplicas: 3,
        desiredReplicas: 4,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 63, averageValue: '315m' } } }],
      });
      expect(typeof status.lastScaleTime).toBe('string');
      expect(condition(status, 'AbleToScale')).toMatchObject({ status: 'True', reason: 'SucceededRescale' });
      expect(condition(status, 'ScalingActive')).toMatchObject({ status: 'True', reason: 'ValidMetricFound' });
      expect(condition(status, 'ScalingLimited')).toMatchObject({ status: 'False', reason: 'DesiredWithinRange' });
      expect(hpaTargets(await hpaOf(h))).toBe('cpu: 63%/50%');
      await waitFor(async () => (await events(h)).includes('Normal SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target'), {
        what: 'the SuccessfulRescale Event',
      });
      const up = sink.decisions.find((d) => d.desiredReplicas === 4);
      expect(up).toMatchObject({
        namespace: 'default',
        autoscaler: 'web',
        target: { kind: 'Deployment', name: 'web' },
        currentReplicas: 3,
        reason: 'cpu resource utilization (percentage of request) above target',
        metrics: [{ name: 'cpu', current: 63, target: 50, type: 'Resource' }],
      });
      expect(up?.revision).toBe(Number((await h.reg.get(DEPLOYMENT, 'default', 'web')).metadata.resourceVersion));
    }, 600_000);
  });

  it('leaves a Deployment alone within the tolerance and publishes nothing while nothing changes', async () => {
    await withHpa(async ({ h, signals, sink }) => {
      await h.reg.create(deployment(3));
      for (const p of WEB3) await addPod(h, p);
      useCpu(signals, 270, WEB3); // 54% of 50%: a ratio of 1.08
      await h.reg.create(cpuHpa(50));
      await waitFor(async () => condition(await statusOf(h), 'ScalingActive')?.reason === 'ValidMetricFound', { what: 'a first pass' });
      expect(await statusOf(h)).toMatchObject({ currentReplicas: 3, desiredReplicas: 3 });
      expect(sink.decisions).toHaveLength(1);
      expect(sink.decisions[0]).toMatchObject({ currentReplicas: 3, desiredReplicas: 3 });
      // Usage moves within the tolerance: the status follows, the scale and the decisions do not.
      useCpu(signals, 260, WEB3);
      await waitFor(async () => hpaTargets(await hpaOf(h)) === 'cpu: 52%/50%', { what: 'the next pass' });
      expect(await replicasOf(h)).toBe(3);
      expect(sink.decisions).toHaveLength(1);
      expect((await events(h)).filter((e) => e.includes('SuccessfulRescale'))).toEqual([]);
    });
  });

  it('scales down only after the stabilization window has passed', async () => {
    await withHpa(async ({ h, signals, sink }) => {
      const pods = ['web-a', 'web-b', 'web-c', 'web-d'];
      await h.reg.create(deployment(4));
      for (const p of pods) await addPod(h, p);
      useCpu(signals, 50, pods); // 10% of 50%: 1 replica would do
      await h.reg.create(cpuHpa(50));
      await waitFor(async () => condition(await statusOf(h), 'AbleToScale')?.reason === 'ScaleDownStabilized', { what: 'a stabilized recommendation' });
      expect(await replicasOf(h)).toBe(4);
      expect(await statusOf(h)).toMatchObject({ currentReplicas: 4, desiredReplicas: 4 });
      // Half the window later (a changed usage shows that a pass ran): still held.
      h.clock.now += DOWN_WINDOW_MS / 2;
      useCpu(signals, 55, pods);
      await waitFor(async () => hpaTargets(await hpaOf(h)) === 'cpu: 11%/50%', { what: 'a pass half a window later' });
      expect(await replicasOf(h)).toBe(4);
      expect(condition(await statusOf(h), 'AbleToScale')?.reason).toBe('ScaleDownStabilized');
      h.clock.now += DOWN_WINDOW_MS / 2 + 1000;
      await waitFor(async () => (await replicasOf(h)) === 1, { what: 'the scale-down after the window' });
      await waitFor(async () => (await events(h)).includes('Normal SuccessfulRescale: New size: 1; reason: All metrics below target'), { what: 'the Event' });
      expect(sink.decisions.find((d) => d.desiredReplicas === 1)).toMatchObject({ currentReplicas: 4, reason: 'All metrics below target' });
    });
  });

  it('scales on a custom Pods metric, and treats a stale sample as missing', async () => {
    await withHpa(async ({ h, signals, sink }) => {
      await h.reg.create(deployment(3));
      for (const p of WEB3) await addPod(h, p);
      for (const p of WEB3) signals.metrics.set(`default/${p}/queue_depth`, { value: 12, atMs: h.clock.now });
      const metrics = [{ type: 'Pods', pods: { metric: { name: 'queue_depth' }, target: { type: 'AverageValue', averageValue: '10' } } }];
      await h.reg.create(cpuHpa(50, { metrics }));
      await waitFor(async () => (await replicasOf(h)) === 4, { what: 'the Deployment scaled to 4' });
      await waitFor(async () => hpaTargets(await hpaOf(h)) === 'queue_depth: 12/10', { what: 'the status' });
      expect(sink.decisions.find((d) => d.desiredReplicas === 4)).toMatchObject({ reason: 'pods metric queue_depth above target', metrics: [{ name: 'queue_depth', current: 12, target: 10, type: 'Pods' }] });
      // Minutes later the samples are old: there is nothing to go on, so nothing moves.
      h.clock.now += 10 * 60_000;
      await waitFor(async () => condition(await statusOf(h), 'ScalingActive')?.reason === 'FailedGetPodsMetric', { what: 'the failed metric' });
      expect(await replicasOf(h)).toBe(4);
      expect(sink.decisions.at(-1)).toMatchObject({ currentReplicas: 4, desiredReplicas: 4, reason: expect.stringContaining('ScalingActive False FailedGetPodsMetric') });
    });
  });

  it('does not scale when a pod has no cpu request, as Kubernetes', async () => {
    await withHpa(async ({ h, signals }) => {
      await h.reg.create(deployment(2));
      await addPod(h, 'web-a');
      await addPod(h, 'web-b', 'web', null);
      useCpu(signals, 900, ['web-a', 'web-b']);
      await h.reg.create(cpuHpa(50));
      await waitFor(async () => condition(await statusOf(h), 'ScalingActive')?.reason === 'FailedGetResourceMetric', { what: 'the condition' });
      expect(String(condition(await statusOf(h), 'ScalingActive')?.message)).toContain('missing request for cpu in container c of Pod web-b');
      expect(await replicasOf(h)).toBe(2);
      await waitFor(async () => (await events(h)).some((e) => e.startsWith('Warning FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1)')), { what: 'the warning' });
    });
  });

  it('stands aside for a target scaled to 0 and reports a missing target', async () => {
    await withHpa(async ({ h, signals }) => {
      await h.reg.create(deployment(0));
      useCpu(signals, 900, WEB3);
      await h.reg.create(cpuHpa(50));
      await waitFor(async () => condition(await statusOf(h), 'ScalingActive')?.reason === 'ScalingDisabled', { what: 'ScalingDisabled' });
      expect(await replicasOf(h)).toBe(0);
      await h.reg.modify(HPA, 'default', 'web', {}, (cur) => ({ ...cur, spec: { ...(cur.spec as Rec), scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone' } } }));
      await waitFor(async () => condition(await statusOf(h), 'AbleToScale')?.reason === 'FailedGetScale', { what: 'FailedGetScale' });
      await waitFor(async () => (await events(h)).includes('Warning FailedGetScale: deployments "gone" not found'), { what: 'the warning' });
    });
  });
});
