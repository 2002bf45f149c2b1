// Where objects live in the store: /registry/<plural>/<namespace>/<name> for namespaced kinds and
// /registry/<plural>/<name> for cluster-scoped ones. Names and namespaces are DNS names (no "/"),
// so a key names exactly one object and a prefix holds exactly one kind or one namespace.
import type { KindInfo } from '../../../client/index.js';

export const REGISTRY_PREFIX = '/registry/';

/** The store key of one object. */
export function objectKey(kind: KindInfo, namespace: string, name: string): string {
  return kind.namespaced ? `${REGISTRY_PREFIX}${kind.plural}/${namespace}/${name}` : `${REGISTRY_PREFIX}${kind.plural}/${name}`;
}

/** The prefix of every object of a kind, or of one namespace of it ("" = all namespaces). */
export function listPrefix(kind: KindInfo, namespace: string): string {
  return kind.namespaced && namespace !== '' ? `${REGISTRY_PREFIX}${kind.plural}/${namespace}/` : `${REGISTRY_PREFIX}${kind.plural}/`;
}

/** The namespace part of a namespaced object's key. */
export function namespaceOfKey(kind: KindInfo, key: string): string {
  if (!kind.namespaced) return '';
  const rest = key.slice(REGISTRY_PREFIX.length + kind.plural.length + 1);
  const slash = rest.indexOf('/');
  return slash < 0 ? '' : rest.slice(0, slash);
}
