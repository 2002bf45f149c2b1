// How objects and kinds are named in output: `deployment.apps/web` (-o name, apply),
// `deployment.apps "web"` (delete), `pods (po)` (help and errors).
import { KINDS, findKind } from '../../index.js';
import type { KindInfo, KubeObject } from '../../index.js';

/** The API group of an apiVersion: "apps" of "apps/v1", "" of "v1". */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** `deployment.apps`, `service`: the singular kind and its group. */
export function resourceRef(kind: string, apiVersion: string): string {
  const info = findKind(kind);
  const group = groupOf(info?.apiVersion ?? apiVersion);
  const singular = info?.singular ?? kind.toLowerCase();
  return group === '' ? singular : `${singular}.${group}`;
}

/** `deployment.apps/web`, as -o name prints it. */
export function objectRef(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  return `${resourceRef(obj.kind, obj.apiVersion ?? '')}/${obj.metadata?.name ?? ''}`;
}

/** `deployment.apps "web"`, as delete prints it. */
export function quotedRef(kind: Pick<KindInfo, 'kind' | 'apiVersion'>, name: string): string {
  return `${resourceRef(kind.kind, kind.apiVersion)} "${name}"`;
}

/** `pods (po), deployments (deploy), ...`: every kind with its short names. */
export function knownKinds(): string {
  return KINDS.map((k) => (k.shortNames.length > 0 ? `${k.plural} (${k.shortNames.join(', ')})` : k.plural)).join(', ');
}

/** The kinds as a help table: name, short names, whether namespaced. */
export function kindsHelp(): string {
  const rows = KINDS.map((k) => [k.plural, k.shortNames.join(',') || '-', k.namespaced ? 'namespaced' : 'cluster']);
  const width = Math.max(...rows.map((r) => (r[0] ?? '').length));
  const shortWidth = Math.max(...rows.map((r) => (r[1] ?? '').length));
  return rows.map(([p, s, n]) => `  ${(p ?? '').padEnd(width)}  ${(s ?? '').padEnd(shortWidth)}  ${n}`).join('\n');
}
