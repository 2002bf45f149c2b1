// Proves the Endpoints controller over a real store, with the test playing the node agent (it
// writes the pods' status: podIP, the Ready condition, allocated ports): endpoints follow readiness
// (ready, not ready, terminating, deleted); a named targetPort resolves from the spec's
// containerPort and from the agent's allocatedPorts, and a pod without it is left out of that port
// only; publishNotReadyAddresses; a selector change; the Endpoints go with their Service, while
// hand-kept Endpoints of a selector-less Service are never touched; an unchanged set is not
// rewritten; and the object written yields the expected EndpointSet for the NATS publisher and
// the SDK. The pure part is checked too: byte-stable output whatever the pods' order, and the bound
// on addresses per object.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { endpointSetOf, isBerthError, resolveKind } from '../../client/index.js';
import { endpointsController } from '../../server/controllers/endpoints.js';
import { desiredEndpoints, MANAGED_BY_LABEL, OVER_CAPACITY_ANNOTATION } from '../../server/controllers/endpoints-compute.js';
import { stableJson } from '../../server/controllers/objects.js';
import type { ControllerHarness } from '../support/controllers.js';
import { controllerHarness } from '../support/controllers.js';
import { levelFixtures } from '../support/level-fixtures.js';
import { waitFor } from '../support/procs.js';

const fx = levelFixtures('berth-endpoints-');
const POD = resolveKind('Pod');
const SERVICE = resolveKind('Service');
const ENDPOINTS = resolveKind('Endpoints');

type Rec = Record<string, unknown>;

function service(name: string, selector: Record<string, string> | undefined, ports: Rec[], extra: Rec = {}, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', labels },
    spec: { ...(selector !== undefined ? { selector } : {}), ports, ...extra },
  };
}

function pod(name: string, labels: Record<string, string>, ports: Rec[] = [], node = 'n1'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'x', ...(ports.length > 0 ? { ports } : {}) }] },
  };
}

interface Report {
  readonly ip: string;
  readonly ready: boolean;
  readonly allocated?: Rec[];
  readonly restartCount?: number;
  readonly phase?: string;
}

/** The agent's status report for a pod (pods share the node's address). */
async function report(h: ControllerHarness, name: string, r: Report): Promise<void> {
  await h.reg.modify(POD, 'default', name, {}, (cur) => ({
    ...cur,
    status: {
      phase: r.phase ?? 'Running',
      hostIP: r.ip,
      podIP: r.ip,
      conditions: [{ type: 'Ready', status: r.ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'c', ready: r.ready, restartCount: r.restartCount ?? 0, ...(r.allocated !== undefined ? { allocatedPorts: r.allocated } : {}) }],
    },
  }));
}

async function endpoints(h: ControllerHarness, name: string): Promise<KubeObject | undefined> {
  try {
    return await h.reg.get(ENDPOINTS, 'default', name);
  } catch (err) {
    if (isBerthError(err, 'NOT_FOUND')) return undefined;
    throw err;
  }
}

const subsetsOf = (ep: KubeObject | undefined): Rec[] => ((ep as Rec | undefined)?.subsets as Rec[] | undefined) ?? [];
/** Pod names of every subset's addresses (ready) or notReadyAddresses. */
const names = (ep: KubeObject | undefined, list: 'addresses' | 'notReadyAddresses'): string[] =>
  subsetsOf(ep)
    .flatMap((s) => (s[list] as Rec[] | undefined) ?? [])
    .map((a) => String((a.targetRef as Rec).name))
    .sort();

const WEB_PORT = [{ port: 80, targetPort: 8080, protocol: 'TCP' }];

async function withHarness(fn: (h: ControllerHarness) => Promise<void>): Promise<void> {
  const h = await controllerHarness(fx, [endpointsController()]);
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}

describe('endpoints controller', () => {
  it('follows readiness: ready → addresses, not ready → notReadyAddresses, terminating and deleted → gone', () =>
    withHarness(async (h) => {
      await h.reg.create(service('web', { app: 'web' }, WEB_PORT, {}, { team: 'a' }));
      await h.reg.create(pod('web-a', { app: 'web' }));
      await h.reg.create(pod('web-b', { app: 'web' }, [], 'n2'));
      await h.reg.create(pod('other', { app: 'db' }));
      await h.settled();
      // No pod has an address yet: the object exists, empty, with the Service's labels.
      let ep = await endpoints(h, 'web');
      expect(ep).toBeDefined();
      expect(subsetsOf(ep)).toEqual([]);
      expect(ep!.metadata.labels).toEqual({ team: 'a', [MANAGED_BY_LABEL]: 'endpoints-controller' });

      await report(h, 'web-a', { ip: '10.0.0.1', ready: true });
      await report(h, 'web-b', { ip: '10.0.0.2', ready: false });
      await report(h, 'other', { ip: '10.0.0.1', ready: true });
      await h.settled();
      ep = await endpoints(h, 'web');
      const webA = await h.reg.get(POD, 'default', 'web-a');
      expect(subsetsOf(ep)).toEqual([
        {
          addresses: [{ ip: '10.0.0.1', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: webA.metadata.uid } }],
          notReadyAddresses: [{ ip: '10.0.0.2', nodeName: 'n2', targetRef: expect.objectContaining({ name: 'web-b' }) as unknown }],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ]);

      await report(h, 'web-b', { ip: '10.0.0.2', ready: true });
      await report(h, 'web-a', { ip: '10.0.0.1', ready: false });
      await h.settled();
      ep = await endpoints(h, 'web');
      expect(names(ep, 'addresses')).toEqual(['web-b']);
      expect(names(ep, 'notReadyAddresses')).toEqual(['web-a']);

      // Terminating (a grace period keeps the pod in the store): no longer an endpoint.
      const del = await h.reg.delete(POD, 'default', 'web-b', {}, false, 30);
      expect(del.pending).toBe(true);
      await h.settled();
      ep = await endpoints(h, 'web');
      expect(names(ep, 'addresses')).toEqual([]);
      expect(names(ep, 'notReadyAddresses')).toEqual(['web-a']);

      // A finished pod is no endpoint either; a deleted one is gone.
      await report(h, 'web-a', { ip: '10.0.0.1', ready: false, phase: 'Failed' });
      await h.settled();
      expect(subsetsOf(await endpoints(h, 'web'))).toEqual([]);
      await report(h, 'web-a', { ip: '10.0.0.1', ready: true });
      await h.settled();
      expect(names(await endpoints(h, 'web'), 'addresses')).toEqual(['web-a']);
      await h.reg.delete(POD, 'default', 'web-a', {}, false, 0);
      await h.settled();
      expect(subsetsOf(await endpoints(h, 'web'))).toEqual([]);
    }));

  it('resolves a named targetPort from containerPort and from allocatedPorts; a pod without it is left out of that port only', () =>
    withHarness(async (h) => {
      const ports = [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        { name: 'admin', port: 9000, protocol: 'TCP' },
      ];
      await h.reg.create(service('api', { app: 'api' }, ports));
      await h.reg.create(pod('api-given', { app: 'api' }, [{ name: 'http', containerPort: 8080 }]));
      await h.reg.create(pod('api-free', { app: 'api' }, [{ name: 'http' }]));
      await h.reg.create(pod('api-none', { app: 'api' }));
      await report(h, 'api-given', { ip: '10.0.0.1', ready: true });
      // The agent allocated 31005 for the port the spec left without a number.
      await report(h, 'api-free', { ip: '10.0.0.1', ready: true, allocated: [{ name: 'http', containerPort: 31005, protocol: 'TCP' }] });
      await report(h, 'api-none', { ip: '10.0.0.2', ready: true });
      await h.settled();
      const ep = await endpoints(h, 'api');
      const view = subsetsOf(ep).map((s) => ({ pods: ((s.addresses as Rec[]) ?? []).map((a) => (a.targetRef as Rec).name), ports: s.ports }));
      expect(view).toEqual(
        expect.arrayContaining([
          { pods: ['api-free'], ports: [{ name: 'admin', port: 9000, protocol: 'TCP' }, { name: 'http', port: 31005, protocol: 'TCP' }] },
          { pods: ['api-given'], ports: [{ name: 'admin', port: 9000, protocol: 'TCP' }, { name: 'http', port: 8080, protocol: 'TCP' }] },
          { pods: ['api-none'], ports: [{ name: 'admin', port: 9000, protocol: 'TCP' }] },
        ]),
      );
      expect(view).toHaveLength(3);

      // What the NATS publisher and the SDK make of it.
      const svc = await h.reg.get(SERVICE, 'default', 'api');
      const set = endpointSetOf(svc, ep);
      expect(set.revision).toBe(Math.max(Number(svc.metadata.resourceVersion), Number(ep!.metadata.resourceVersion)));
      expect(set.ports).toEqual([
        { name: 'http', port: 80, protocol: 'TCP' },
        { name: 'admin', port: 9000, protocol: 'TCP' },
      ]);
      expect(set.endpoints).toEqual([
        { address: '10.0.0.1', port: 9000, portName: 'admin', protocol: 'TCP', ready: true, pod: 'api-free', node: 'n1' },
        { address: '10.0.0.1', port: 9000, portName: 'admin', protocol: 'TCP', ready: true, pod: 'api-given', node: 'n1' },
        { address: '10.0.0.2', port: 9000, portName: 'admin', protocol: 'TCP', ready: true, pod: 'api-none', node: 'n1' },
        { address: '10.0.0.1', port: 8080, portName: 'http', protocol: 'TCP', ready: true, pod: 'api-given', node: 'n1' },
        { address: '10.0.0.1', port: 31005, portName: 'http', protocol: 'TCP', ready: true, pod: 'api-free', node: 'n1' },
      ]);
    }));

  it('a port the agent allocates later joins the endpoints then', () =>
    withHarness(async (h) => {
      await h.reg.create(service('late', { app: 'late' }, [{ port: 80, targetPort: 'http', protocol: 'TCP' }]));
      await h.reg.create(pod('late-1', { app: 'late' }, [{ name: 'http', containerPort: 0 }]));
      await report(h, 'late-1', { ip: '10.0.0.3', ready: false });
      await h.settled();
      expect(subsetsOf(await endpoints(h, 'late'))).toEqual([]);
      await report(h, 'late-1', { ip: '10.0.0.3', ready: true, allocated: [{ name: 'http', containerPort: 30777, protocol: 'TCP' }] });
      await h.settled();
      const s = subsetsOf(await endpoints(h, 'late'));
      expect(s).toHaveLength(1);
      expect(s[0]!.ports).toEqual([{ port: 30777, protocol: 'TCP' }]);
      expect(names(await endpoints(h, 'late'), 'addresses')).toEqual(['late-1']);
    }));

  it('publishNotReadyAddresses lists every pod under addresses', () =>
    withHarness(async (h) => {
      await h.reg.create(service('peers', { app: 'peers' }, WEB_PORT, { publishNotReadyAddresses: true }));
      await h.reg.create(pod('peers-0', { app: 'peers' }));
      await h.reg.create(pod('peers-1', { app: 'peers' }));
      await report(h, 'peers-0', { ip: '10.0.0.1', ready: true });
      await report(h, 'peers-1', { ip: '10.0.0.2', ready: false });
      await h.settled();
      const ep = await endpoints(h, 'peers');
      expect(names(ep, 'addresses')).toEqual(['peers-0', 'peers-1']);
      expect(names(ep, 'notReadyAddresses')).toEqual([]);
      const set = endpointSetOf(await h.reg.get(SERVICE, 'default', 'peers'), ep);
      expect(set.endpoints.every((e) => e.ready)).toBe(true);
    }));

  it('a headless Service without ports lists bare addresses, with pod hostnames and the headless label', () =>
    withHarness(async (h) => {
      await h.reg.create(service('db', { app: 'db' }, [], { clusterIP: 'None' }));
      const p = pod('db-0', { app: 'db' });
      await h.reg.create({ ...p, spec: { ...p.spec, hostname: 'db-0', subdomain: 'db' } });
      await report(h, 'db-0', { ip: '10.0.0.5', ready: true });
      await h.settled();
      const ep = await endpoints(h, 'db');
      expect(ep?.metadata.labels?.['service.kubernetes.io/headless']).toBe('');
      expect(subsetsOf(ep)).toEqual([{ addresses: [{ ip: '10.0.0.5', hostname: 'db-0', nodeName: 'n1', targetRef: expect.objectContaining({ name: 'db-0' }) as unknown }] }]);
    }));

  it('follows a change of the selector and of the pods labels', () =>
    withHarness(async (h) => {
      await h.reg.create(service('web', { app: 'web', track: 'stable' }, WEB_PORT));
      await h.reg.create(pod('stable', { app: 'web', track: 'stable' }));
      await h.reg.create(pod('canary', { app: 'web', track: 'canary' }));
      await report(h, 'stable', { ip: '10.0.0.1', ready: true });
      await report(h, 'canary', { ip: '10.0.0.2', ready: true });
      await h.settled();
      expect(names(await endpoints(h, 'web'), 'addresses')).toEqual(['stable']);

      await h.reg.modify(SERVICE, 'default', 'web', {}, (cur) => ({ ...cur, spec: { ...cur.spec, selector: { app: 'web' } } }));
      await h.settled();
      expect(names(await endpoints(h, 'web'), 'addresses')).toEqual(['canary', 'stable']);

      await h.reg.modify(SERVICE, 'default', 'web', {}, (cur) => ({ ...cur, spec: { ...cur.spec, selector: { track: 'canary' } } }));
      await h.settled();
      expect(names(await endpoints(h, 'web'), 'addresses')).toEqual(['canary']);

      // A pod relabelled out of the selector leaves; one relabelled into it joins.
      await h.reg.modify(POD, 'default', 'canary', {}, (cur) => ({ ...cur, metadata: { ...cur.metadata, labels: { app: 'web' } } }));
      await h.reg.modify(POD, 'default', 'stable', {}, (cur) => ({ ...cur, metadata: { ...cur.metadata, labels: { track: 'canary' } } }));
      await h.settled();
      expect(names(await endpoints(h, 'web'), 'addresses')).toEqual(['stable']);
    }));

  it('deletes the Endpoints with their Service; hand-kept Endpoints of a selector-less Service are left alone', () =>
    withHarness(async (h) => {
      await h.reg.create(service('web', { app: 'web' }, WEB_PORT));
      await h.reg.create(pod('web-a', { app: 'web' }));
      await report(h, 'web-a', { ip: '10.0.0.1', ready: true });
      await h.settled();
      expect(await endpoints(h, 'web')).toBeDefined();
      await h.reg.delete(SERVICE, 'default', 'web', {});
      await h.settled();
      expect(await endpoints(h, 'web')).toBeUndefined();

      // An external database: its Endpoints typed in by hand.
      const hand: KubeObject = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'db', namespace: 'default', labels: { owner: 'ops' } },
        subsets: [{ addresses: [{ ip: '192.0.2.10' }], ports: [{ port: 5432, protocol: 'TCP' }] }],
      } as KubeObject;
      const made = await h.reg.create(hand);
      await h.reg.create(service('db', undefined, [{ port: 5432, protocol: 'TCP' }]));
      // A pod that would match a selector, were there one.
      await h.reg.create(pod('db-0', { app: 'db' }));
      await report(h, 'db-0', { ip: '10.0.0.9', ready: true });
      await h.settled();
      let ep = await endpoints(h, 'db');
      expect(ep?.metadata.resourceVersion).toBe(made.metadata.resourceVersion);
      expect(ep?.metadata.labels).toEqual({ owner: 'ops' });
      const set = endpointSetOf(await h.reg.get(SERVICE, 'default', 'db'), ep);
      expect(set.endpoints.map((e) => `${e.address}:${e.port}`)).toEqual(['192.0.2.10:5432']);

      await h.reg.delete(SERVICE, 'default', 'db', {});
      await h.settled();
      ep = await endpoints(h, 'db');
      expect(ep?.metadata.resourceVersion).toBe(made.metadata.resourceVersion);
    }));

  it('takes over an unmarked Endpoints of a Service with a selector, and restores a managed one edited or deleted by hand', () =>
    withHarness(async (h) => {
      await h.reg.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [{ ip: '192.0.2.1' }], ports: [{ port: 1, protocol: 'TCP' }] }] } as KubeObject);
      await h.reg.create(pod('web-a', { app: 'web' }));
      await report(h, 'web-a', { ip: '10.0.0.1', ready: true });
      await h.reg.create(service('web', { app: 'web' }, WEB_PORT));
      await h.settled();
      let ep = await endpoints(h, 'web');
      expect(ep?.metadata.labels?.[MANAGED_BY_LABEL]).toBe('endpoints-controller');
      expect(names(ep, 'addresses')).toEqual(['web-a']);

      await h.reg.modify(ENDPOINTS, 'default', 'web', {}, (cur) => ({ ...cur, subsets: [] }) as KubeObject);
      await h.settled();
      expect(names(await endpoints(h, 'web'), 'addresses')).toEqual(['web-a']);

      await h.reg.delete(ENDPOINTS, 'default', 'web', {});
      await h.settled();
      ep = await endpoints(h, 'web');
      expect(names(ep, 'addresses')).toEqual(['web-a']);

      // A managed Endpoints whose Service is gone (as after a Service deleted while no leader ran) goes.
      await h.reg.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'gone', namespace: 'default', labels: { [MANAGED_BY_LABEL]: 'endpoints-controller' } } } as KubeObject);
      await waitFor(async () => (await endpoints(h, 'gone')) === undefined, { what: 'the leftover endpoints deleted', timeoutMs: 5000 });
    }));

  it('does not rewrite an unchanged set: a restartCount bump or a Service annotation leaves the object as it is', () =>
    withHarness(async (h) => {
      await h.reg.create(service('web', { app: 'web' }, WEB_PORT));
      await h.reg.create(pod('web-a', { app: 'web' }));
      await h.reg.create(pod('web-b', { app: 'web' }));
      await report(h, 'web-a', { ip: '10.0.0.1', ready: true });
      await report(h, 'web-b', { ip: '10.0.0.2', ready: false });
      await h.settled();
      const before = await endpoints(h, 'web');
      expect(names(before, 'addresses')).toEqual(['web-a']);

      await report(h, 'web-a', { ip: '10.0.0.1', ready: true, restartCount: 1 });
      await report(h, 'web-b', { ip: '10.0.0.2', ready: false, restartCount: 4 });
      // Something that makes the controller look (a Service change that does not touch the endpoints).
      await h.reg.modify(SERVICE, 'default', 'web', {}, (cur) => ({ ...cur, metadata: { ...cur.metadata, annotations: { note: 'x' } } }));
      await h.settled();
      const after = await endpoints(h, 'web');
      expect(after?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);

      // A real change is written: the controller was looking.
      await report(h, 'web-b', { ip: '10.0.0.2', ready: true, restartCount: 4 });
      await h.settled();
      const changed = await endpoints(h, 'web');
      expect(Number(changed?.metadata.resourceVersion)).toBeGreaterThan(Number(before?.metadata.resourceVersion));
      expect(names(changed, 'addresses')).toEqual(['web-a', 'web-b']);
    }));
});

describe('desired endpoints (pure)', () => {
  const svc = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
  let uid = 0;
  const running = (name: string, ip: string, ready: boolean, port: number): KubeObject => ({
    ...pod(name, { app: 'web' }, [{ name: 'http', containerPort: port }]),
    metadata: { name, namespace: 'default', labels: { app: 'web' }, uid: `uid-${++uid}` },
    status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  });

  it('is byte-stable whatever the order of the pods, grouping pods by their ports', () => {
    const pods = [running('b', '10.0.0.2', true, 8080), running('a', '10.0.0.2', true, 8080), running('c', '10.0.0.1', false, 8080), running('d', '10.0.0.1', true, 9090)];
    const one = desiredEndpoints(svc, pods);
    const other = desiredEndpoints(svc, [...pods].reverse());
    expect(JSON.stringify(one)).toBe(JSON.stringify(other));
    expect(one.subsets).toHaveLength(2);
    const first = one.subsets[0]!;
    expect(first.addresses?.map((a) => a.targetRef.name)).toEqual(['a', 'b']);
    expect(first.notReadyAddresses?.map((a) => a.targetRef.name)).toEqual(['c']);
    expect(stableJson(first.ports)).toBe(stableJson([{ name: 'http', port: 8080, protocol: 'TCP' }]));
  });

  it('holds at most the bound of addresses, ready pods first, and says it truncated', () => {
    const pods = [running('n1', '10.0.0.1', false, 8080), running('r1', '10.0.0.2', true, 8080), running('r2', '10.0.0.3', true, 8080)];
    const atBound = desiredEndpoints(svc, pods, 3);
    expect(atBound.truncated).toBe(false);
    const over = desiredEndpoints(svc, pods, 2);
    expect(over.truncated).toBe(true);
    expect(over.subsets.flatMap((s) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]).map((a) => a.targetRef.name)).toEqual(['r1', 'r2']);
    expect(OVER_CAPACITY_ANNOTATION).toBe('endpoints.berth.io/over-capacity');
  });
});
