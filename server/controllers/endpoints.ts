// The Endpoints controller: for every Service with a selector, an Endpoints object of the same
// namespace and name that lists the pods the selector matches (ready ones under addresses, the
// others under notReadyAddresses) with each pod's real port for every Service port. Pods share
// their node's network, so an address is the node's, and a named targetPort resolves per pod (the
// agent may have allocated it). The NATS publisher and the SDK read these objects
// (client/discovery/endpoint-set.ts); what goes in them is computed in endpoints-compute.ts.
//
// A Service without a selector has Endpoints kept by hand: the controller never touches them.
// Every object it writes carries the label endpoints.berth.io/managed-by=endpoints-controller, and
// when a Service goes, only an Endpoints object with that label is deleted. Kubernetes deletes the
// same-named Endpoints whoever made them; berth keeps a hand-made one, so that deleting and
// re-applying a selector-less Service (or applying the two objects in either order) never loses
// addresses someone typed in. The mark lives in the store, so a new leader knows as much as the old
// one, and leftovers of a Service deleted while no leader ran are found at start. A Service that
// loses its selector keeps its last Endpoints as they are (as in Kubernetes: whoever removed the
// selector now keeps them by hand); a hand-made Endpoints of a Service that has a selector is
// taken over.
//
// Keys are the Service's "ns/name". The Endpoints are compared before they are written, so an
// unchanged set costs no write, and one reconcile makes one write at most. A pod change that
// touches nothing the endpoints depend on (a restartCount, say) queues nothing; one that does
// queues only the Services whose selectors match its old or new labels, found through an index of
// Services by (namespace, one label of their selector), never by scanning every Service.
import type { KubeObject } from '../../client/index.js';
import { isBerthError, resolveKind } from '../../client/index.js';
import {
  desiredEndpoints,
  endpointFacts,
  endpointsDiffer,
  isManaged,
  MAX_ENDPOINT_ADDRESSES,
  newEndpoints,
  selectorMatches,
  serviceSelector,
  withDesired,
} from './endpoints-compute.js';
import { stableJson } from './objects.js';
import type { ControllerContext, ControllerSpec, InformerEvent, InformerView, Reconciler, ReconcileResult } from './types.js';
import { keyOf, splitKey } from './types.js';

const SERVICE = resolveKind('Service');
const POD = resolveKind('Pod');
const ENDPOINTS = resolveKind('Endpoints');

/** Services by "ns/key=value" of the first (sorted) pair of their selector. */
const SERVICE_SELECTOR_INDEX = 'endpoints-selector';
/** Pods by "ns/key=value" of each of their labels. */
const POD_LABEL_INDEX = 'endpoints-pod-label';

const labelKey = (namespace: string, key: string, value: string): string => `${namespace}/${key}=${value}`;

function selectorIndexKeys(svc: KubeObject): string[] {
  const selector = serviceSelector(svc);
  if (selector === undefined) return [];
  const first = Object.keys(selector).sort()[0]!;
  return [labelKey(svc.metadata.namespace ?? '', first, selector[first]!)];
}

function podLabelKeys(pod: KubeObject): string[] {
  const ns = pod.metadata.namespace ?? '';
  return Object.entries(pod.metadata.labels ?? {}).map(([k, v]) => labelKey(ns, k, v));
}

export function endpointsController(): ControllerSpec {
  return { name: 'endpoints', kinds: [SERVICE, POD, ENDPOINTS], create: (ctx) => new EndpointsReconciler(ctx) };
}

class EndpointsReconciler implements Reconciler {
  private readonly services: InformerView;
  private readonly pods: InformerView;
  private readonly endpoints: InformerView;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly ctx: ControllerContext) {
    this.services = ctx.informers.of(SERVICE);
    this.pods = ctx.informers.of(POD);
    this.endpoints = ctx.informers.of(ENDPOINTS);
    this.services.addIndex(SERVICE_SELECTOR_INDEX, selectorIndexKeys);
    this.pods.addIndex(POD_LABEL_INDEX, podLabelKeys);
    for (const s of this.services.list()) ctx.queue.add(keyOf(s));
    // Managed Endpoints whose Service went while no leader ran its controllers.
    for (const ep of this.endpoints.list()) if (isManaged(ep) && this.services.get(ep.metadata.namespace, String(ep.metadata.name)) === undefined) ctx.queue.add(keyOf(ep));
    this.unsubscribe.push(this.services.on((e) => ctx.queue.add(keyOf(e.object))));
    this.unsubscribe.push(this.endpoints.on((e) => ctx.queue.add(keyOf(e.object))));
    this.unsubscribe.push(this.pods.on((e) => this.podChanged(e)));
  }

  close(): void {
    for (const u of this.unsubscribe.splice(0)) u();
  }

  /** Queues the Services a pod belongs (or belonged) to, if the change matters to their endpoints. */
  private podChanged(e: InformerEvent): void {
    const pod = e.object;
    const prev = e.prev;
    const sameLabels = prev !== undefined && stableJson(prev.metadata.labels ?? {}) === stableJson(pod.metadata.labels ?? {});
    if (e.type === 'MODIFIED' && prev !== undefined && sameLabels && endpointFacts(prev) === endpointFacts(pod)) return;
    for (const svc of this.servicesOf(pod)) this.ctx.queue.add(keyOf(svc));
    if (prev !== undefined && !sameLabels) for (const svc of this.servicesOf(prev)) this.ctx.queue.add(keyOf(svc));
  }

  /** The Services of the pod's namespace whose selectors match its labels. */
  private servicesOf(pod: KubeObject): KubeObject[] {
    const labels = pod.metadata.labels ?? {};
    const out: KubeObject[] = [];
    for (const key of podLabelKeys(pod)) {
      for (const svc of this.services.byIndex(SERVICE_SELECTOR_INDEX, key)) {
        const selector = serviceSelector(svc);
        if (selector !== undefined && selectorMatches(selector, labels)) out.push(svc);
      }
    }
    return out;
  }

  /** The pods of `namespace` a selector matches, found by one of its pairs. */
  private podsMatching(namespace: string, selector: Readonly<Record<string, string>>): KubeObject[] {
    const first = Object.keys(selector).sort()[0]!;
    return this.pods.byIndex(POD_LABEL_INDEX, labelKey(namespace, first, selector[first]!)).filter((p) => selectorMatches(selector, p.metadata.labels));
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const svc = this.services.get(namespace, name);
    const cur = this.endpoints.get(namespace, name);
    if (svc === undefined) return this.deleteLeftover(cur);
    const selector = serviceSelector(svc);
    if (selector === undefined) return undefined;
    const want = desiredEndpoints(svc, this.podsMatching(namespace, selector), MAX_ENDPOINT_ADDRESSES);
    if (want.truncated && (cur === undefined || endpointsDiffer(cur, want))) {
      this.ctx.logger.warn({ service: key, max: MAX_ENDPOINT_ADDRESSES }, 'more pods than one Endpoints object holds; the rest are left out');
    }
    if (cur === undefined) {
      await this.ctx.reg.create(newEndpoints(svc, want));
      this.ctx.logger.debug({ service: key }, 'created endpoints');
      return undefined;
    }
    if (!endpointsDiffer(cur, want)) return undefined;
    await this.ctx.reg.modifyFrom(ENDPOINTS, cur, (latest) => withDesired(latest, want));
    this.ctx.logger.debug({ service: key }, 'updated endpoints');
    return undefined;
  }

  /** The Service is gone: its Endpoints go too, if this controller made them. */
  private async deleteLeftover(cur: KubeObject | undefined): Promise<void> {
    if (cur === undefined || !isManaged(cur)) return;
    try {
      await this.ctx.reg.delete(ENDPOINTS, cur.metadata.namespace, String(cur.metadata.name), { uid: cur.metadata.uid });
      this.ctx.logger.debug({ endpoints: keyOf(cur) }, 'deleted the endpoints of a deleted service');
    } catch (err) {
      if (!isBerthError(err, 'NOT_FOUND')) throw err;
    }
  }
}
