// The kinds berth serves: one table that the server (store keys, validation), the SDK (wire
// conversion) and the CLI (short names, tables) all read, so that a kind is added in one place.
import { BerthError } from '../errors.js';

export interface KindInfo {
  /** The kind as in manifests: "Deployment". */
  readonly kind: string;
  /** apiVersion of manifests: "apps/v1". */
  readonly apiVersion: string;
  /** Lower-case plural, also the store key segment: "deployments". */
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  /** Whether objects live in a namespace. */
  readonly namespaced: boolean;
  /** Whether status is a subresource: updates of the object leave it alone and vice versa. */
  readonly hasStatus: boolean;
  /**
   * Whether the object's desired state is `spec` (generation counts its changes). Kinds without
   * spec (ConfigMap, Secret, Endpoints, Event) bump generation on any change outside metadata.
   */
  readonly hasSpec: boolean;
  /** The field of berth.objects.v1.ApiObject's oneof that carries this kind: "deployment". */
  readonly wireField: string;
  /** The message name in berth.objects.v1: "Deployment". */
  readonly message: string;
}

function kind(
  k: string,
  apiVersion: string,
  plural: string,
  shortNames: readonly string[],
  opts: { namespaced?: boolean; hasStatus?: boolean; hasSpec?: boolean } = {},
): KindInfo {
  return {
    kind: k,
    apiVersion,
    plural,
    singular: k.toLowerCase(),
    shortNames,
    namespaced: opts.namespaced ?? true,
    hasStatus: opts.hasStatus ?? true,
    hasSpec: opts.hasSpec ?? true,
    wireField: k.charAt(0).toLowerCase() + k.slice(1),
    message: k,
  };
}

/** Every kind, in the order `berth get all` and listings show them. */
export const KINDS: readonly KindInfo[] = [
  kind('Namespace', 'v1', 'namespaces', ['ns'], { namespaced: false }),
  kind('Node', 'v1', 'nodes', ['no'], { namespaced: false }),
  kind('Pod', 'v1', 'pods', ['po']),
  kind('Deployment', 'apps/v1', 'deployments', ['deploy']),
  kind('ReplicaSet', 'apps/v1', 'replicasets', ['rs']),
  kind('StatefulSet', 'apps/v1', 'statefulsets', ['sts']),
  kind('DaemonSet', 'apps/v1', 'daemonsets', ['ds']),
  kind('Job', 'batch/v1', 'jobs', []),
  kind('CronJob', 'batch/v1', 'cronjobs', ['cj']),
  kind('Service', 'v1', 'services', ['svc']),
  kind('Endpoints', 'v1', 'endpoints', ['ep'], { hasStatus: false, hasSpec: false }),
  kind('ConfigMap', 'v1', 'configmaps', ['cm'], { hasStatus: false, hasSpec: false }),
  kind('Secret', 'v1', 'secrets', [], { hasStatus: false, hasSpec: false }),
  kind('Event', 'v1', 'events', ['ev'], { hasStatus: false, hasSpec: false }),
  kind('HorizontalPodAutoscaler', 'autoscaling/v2', 'horizontalpodautoscalers', ['hpa']),
  kind('PriorityClass', 'scheduling.k8s.io/v1', 'priorityclasses', ['pc'], { namespaced: false, hasStatus: false, hasSpec: false }),
];

const BY_NAME = new Map<string, KindInfo>();
for (const k of KINDS) {
  for (const name of [k.kind.toLowerCase(), k.plural, k.singular, ...k.shortNames]) BY_NAME.set(name, k);
}
// "endpoints" is both singular and plural; Kubernetes also accepts "endpoint".
BY_NAME.set('endpoint', BY_NAME.get('endpoints')!);

/** The kind named by a kind, plural, singular or short name, in any case; undefined if none. */
export function findKind(name: string): KindInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Like findKind, but throws INVALID_ARGUMENT naming the kinds there are. */
export function resolveKind(name: string, field = 'kind'): KindInfo {
  const k = typeof name === 'string' ? findKind(name) : undefined;
  if (k !== undefined) return k;
  throw new BerthError(
    'INVALID_ARGUMENT',
    `${field}: unknown kind ${JSON.stringify(name)}; berth serves ${KINDS.map((x) => x.kind).join(', ')}`,
    { details: { field } },
  );
}

/** The kind carried by a wire ApiObject's oneof field ("replicaSet"). */
export function kindByWireField(field: string): KindInfo | undefined {
  return KINDS.find((k) => k.wireField === field);
}
