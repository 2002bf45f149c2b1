// What the object verbs (get, describe, apply, delete, create) share: their arguments (kinds,
// KIND/NAME targets, -n), help texts, fetching named objects, the -o of the writing verbs and
// the manifests of -f.
import { NotFoundError, findKind, isBerthError } from '../index.js';
import type { KindInfo, KubeObject, ObjectApi } from '../index.js';
import { UsageError, choiceFlag, listFlag, stringFlag } from './args.js';
import type { CliIo, CommandContext } from './command.js';
import { loadManifests } from './manifests.js';
import type { Manifest } from './manifests.js';
import { reportError } from './output.js';
import { kindsHelp, knownKinds } from './printers/index.js';

/** Objects per page when get lists, unless --chunk-size says otherwise. */
export const DEFAULT_CHUNK_SIZE = 500;

/** What `get all` lists, in kubectl's order. */
const ALL_KINDS = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'HorizontalPodAutoscaler', 'CronJob', 'Job'];

export const KINDS_HELP = `Kinds (a kind is also named by its singular, plural or short name, in any case):
${kindsHelp()}`;

export const NAMESPACE_HELP = '  -n, --namespace NS         the namespace (default: "default"; ignored for cluster-wide kinds)';

// ---------------------------------------------------------------------------------------------
// Arguments

/** The kind a name stands for; unknown names are a usage error listing the kinds there are. */
export function kindArg(name: string): KindInfo {
  const k = findKind(name);
  if (k === undefined) throw new UsageError(`unknown kind ${JSON.stringify(name)}; known: ${knownKinds()}`);
  return k;
}

/** The objects an argument list names: each kind with its names (none: every object). */
export interface TargetGroup {
  readonly kind: KindInfo;
  readonly names: string[];
}

/**
 * `KIND[,KIND...] [NAME...]` or `KIND/NAME...`. "all" stands for the workload kinds when
 * `allowAll`. Kinds named twice are merged.
 */
export function parseTargets(positionals: readonly string[], allowAll: boolean): TargetGroup[] {
  const groups: TargetGroup[] = [];
  const groupOf = (kind: KindInfo): TargetGroup => {
    let g = groups.find((x) => x.kind === kind);
    if (g === undefined) groups.push((g = { kind, names: [] }));
    return g;
  };
  const [first, ...rest] = positionals;
  if (first === undefined) return groups;
  if (first.includes('/')) {
    for (const p of positionals) {
      const slash = p.indexOf('/');
      if (slash <= 0 || slash === p.length - 1) throw new UsageError(`${JSON.stringify(p)}: use KIND/NAME for every argument or for none (e.g. deploy/web svc/web)`);
      groupOf(kindArg(p.slice(0, slash))).names.push(p.slice(slash + 1));
    }
    return groups;
  }
  for (const k of first.split(',').filter((x) => x !== '')) {
    const kinds = allowAll && k.toLowerCase() === 'all' ? ALL_KINDS.map(kindArg) : [kindArg(k)];
    for (const kind of kinds) groupOf(kind).names.push(...rest);
  }
  for (const name of rest) if (name.includes('/')) throw new UsageError(`${JSON.stringify(name)}: use KIND/NAME for every argument or for none`);
  return groups;
}

export function namespaceFlag(ctx: CommandContext): string | undefined {
  return stringFlag('-n/--namespace', ctx.values['namespace']);
}

/** The namespace option of a call about `kind`: none for cluster-wide kinds. */
export function inNamespace(kind: KindInfo, namespace: string): { namespace?: string } {
  return kind.namespaced ? { namespace } : {};
}

/** An object as printed: apiVersion and kind filled in from its kind when the server left them out. */
export function withType(kind: KindInfo, obj: KubeObject): KubeObject {
  const { apiVersion, kind: k, ...rest } = obj;
  return { apiVersion: apiVersion || kind.apiVersion, kind: k || kind.kind, ...rest };
}

/** Kubernetes' List shape, what -o json|yaml prints for several objects. */
export function listDocument(items: readonly KubeObject[], resourceVersion: string): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion }, items };
}

export function isNotFound(err: unknown): boolean {
  return err instanceof NotFoundError || isBerthError(err, 'NOT_FOUND');
}

// ---------------------------------------------------------------------------------------------
// Fetching

export interface Fetched {
  readonly kind: KindInfo;
  readonly objects: KubeObject[];
  /** The revision of a listing; undefined for objects fetched by name. */
  readonly resourceVersion: string | undefined;
}

/** The named objects of a kind; each one that fails is reported and makes `failed` true. */
export async function fetchNamed(api: ObjectApi, io: CliIo, g: TargetGroup, namespace: string): Promise<{ fetched: Fetched; failed: boolean }> {
  const objects: KubeObject[] = [];
  let failed = false;
  for (const name of g.names) {
    try {
      objects.push(withType(g.kind, await api.get(g.kind.kind, name, inNamespace(g.kind, namespace))));
    } catch (err) {
      if (!isBerthError(err)) throw err;
      reportError(io, err);
      failed = true;
    }
  }
  return { fetched: { kind: g.kind, objects, resourceVersion: undefined }, failed };
}

// ---------------------------------------------------------------------------------------------
// Writing verbs

/** -o of the writing verbs: the kubectl-like line when not given, else one of `choices`. */
export function writeFormat<T extends string>(ctx: CommandContext, choices: readonly T[]): T | 'text' {
  const value = ctx.values['output'];
  return value === undefined ? 'text' : choiceFlag('-o/--output', value, choices, choices[0] as T);
}

export async function manifestsOf(ctx: CommandContext, verb: string): Promise<Manifest[]> {
  const files = listFlag(ctx.values['filename']);
  const manifests = await loadManifests(files, ctx.io.readStdin !== undefined ? { readStdin: () => ctx.io.readStdin!() } : {});
  if (manifests.length === 0) throw new UsageError(`no objects passed to ${verb} (${files.join(', ')} hold none)`);
  return manifests;
}
