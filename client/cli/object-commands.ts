// The object verbs, kubectl's way: apply, get, describe, delete and `create namespace`. They
// talk to the cluster through the SDK's ObjectApi only; what they print is built by the pure
// functions of printers/.
import { NotFoundError, findKind, isBerthError } from '../index.js';
import type { KindInfo, KubeObject, ObjectApi } from '../index.js';
import { UsageError, choiceFlag, intFlag, listFlag, stringFlag } from './args.js';
import type { CliIo, CommandContext, CommandGroup, LeafCommand } from './command.js';
import { nowOf } from './command.js';
import { loadManifests } from './manifests.js';
import type { Manifest } from './manifests.js';
import { columnWidths, formatDocument, formatRow, formatTable, reportError } from './output.js';
import { describeObject, kindsHelp, knownKinds, objectRef, objectTable, quotedRef, tableHeaders, tableRow } from './printers/index.js';
import type { TableOptions } from './printers/index.js';

/** Objects per page when get lists, unless --chunk-size says otherwise. */
export const DEFAULT_CHUNK_SIZE = 500;

/** What `get all` lists, in kubectl's order. */
const ALL_KINDS = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'HorizontalPodAutoscaler', 'CronJob', 'Job'];

const KINDS_HELP = `Kinds (a kind is also named by its singular, plural or short name, in any case):
${kindsHelp()}`;

const NAMESPACE_HELP = '  -n, --namespace NS         the namespace (default: "default"; ignored for cluster-wide kinds)';

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

function namespaceFlag(ctx: CommandContext): string | undefined {
  return stringFlag('-n/--namespace', ctx.values['namespace']);
}

/** The namespace option of a call about `kind`: none for cluster-wide kinds. */
function inNamespace(kind: KindInfo, namespace: string): { namespace?: string } {
  return kind.namespaced ? { namespace } : {};
}

/** An object as printed: apiVersion and kind filled in from its kind when the server left them out. */
function withType(kind: KindInfo, obj: KubeObject): KubeObject {
  const { apiVersion, kind: k, ...rest } = obj;
  return { apiVersion: apiVersion || kind.apiVersion, kind: k || kind.kind, ...rest };
}

/** Kubernetes' List shape, what -o json|yaml prints for several objects. */
export function listDocument(items: readonly KubeObject[], resourceVersion: string): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion }, items };
}

function isNotFound(err: unknown): boolean {
  return err instanceof NotFoundError || isBerthError(err, 'NOT_FOUND');
}

// ---------------------------------------------------------------------------------------------
// get

const GET_FORMATS = ['table', 'wide', 'json', 'yaml', 'name'] as const;
type GetFormat = (typeof GET_FORMATS)[number];

interface GetOptions {
  readonly format: GetFormat;
  readonly namespace: string;
  readonly allNamespaces: boolean;
  readonly labelSelector: string | undefined;
  readonly fieldSelector: string | undefined;
  readonly chunkSize: number;
  readonly watch: boolean;
}

function getOptions(ctx: CommandContext): GetOptions {
  return {
    format: choiceFlag('-o/--output', ctx.values['output'], GET_FORMATS, 'table'),
    namespace: namespaceFlag(ctx) ?? 'default',
    allNamespaces: ctx.values['all-namespaces'] === true,
    labelSelector: stringFlag('-l/--selector', ctx.values['selector']),
    fieldSelector: stringFlag('--field-selector', ctx.values['field-selector']),
    chunkSize: intFlag('chunk-size', ctx.values['chunk-size'], 0) ?? DEFAULT_CHUNK_SIZE,
    watch: ctx.values['watch'] === true,
  };
}

interface Fetched {
  readonly kind: KindInfo;
  readonly objects: KubeObject[];
  /** The revision of a listing; undefined for objects fetched by name. */
  readonly resourceVersion: string | undefined;
}

/** Every object of a kind that the options select, page by page. */
async function fetchList(api: ObjectApi, kind: KindInfo, o: GetOptions): Promise<Fetched> {
  const objects: KubeObject[] = [];
  let resourceVersion: string | undefined;
  let next: string | undefined;
  do {
    const page = await api.list(kind.kind, {
      ...(kind.namespaced && !o.allNamespaces ? { namespace: o.namespace } : {}),
      ...(o.labelSelector !== undefined ? { labelSelector: o.labelSelector } : {}),
      ...(o.fieldSelector !== undefined ? { fieldSelector: o.fieldSelector } : {}),
      ...(o.chunkSize > 0 ? { limit: o.chunkSize } : {}),
      ...(next !== undefined ? { continue: next } : {}),
    });
    resourceVersion ??= page.metadata.resourceVersion;
    objects.push(...page.items.map((x) => withType(kind, x)));
    next = page.metadata.continue || undefined;
  } while (next !== undefined);
  return { kind, objects, resourceVersion };
}

/** The named objects of a kind; each one that fails is reported and makes `failed` true. */
async function fetchNamed(api: ObjectApi, io: CliIo, g: TargetGroup, namespace: string): Promise<{ fetched: Fetched; failed: boolean }> {
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

function noResources(groups: readonly TargetGroup[], o: GetOptions): string {
  const namespaced = groups.some((g) => g.kind.namespaced);
  return namespaced && !o.allNamespaces ? `No resources found in ${o.namespace} namespace.\n` : 'No resources found\n';
}

function tableOptions(ctx: CommandContext, o: GetOptions, kinds: number): TableOptions {
  return { now: nowOf(ctx.io), wide: o.format === 'wide', withNamespace: o.allNamespaces, withKind: kinds > 1 };
}

function printFetched(ctx: CommandContext, results: readonly Fetched[], o: GetOptions, single: boolean): void {
  const objects = results.flatMap((r) => r.objects);
  if (o.format === 'json' || o.format === 'yaml') {
    const rv = results.length === 1 ? (results[0]?.resourceVersion ?? '') : '';
    if (!single) ctx.io.stdout(formatDocument(listDocument(objects, rv), o.format));
    else if (objects[0] !== undefined) ctx.io.stdout(formatDocument(objects[0], o.format));
    return;
  }
  if (objects.length === 0) return;
  if (o.format === 'name') {
    ctx.io.stdout(objects.map((x) => `${objectRef(x)}\n`).join(''));
    return;
  }
  const opts = tableOptions(ctx, o, results.length);
  const tables = results.filter((r) => r.objects.length > 0).map((r) => objectTable(r.kind.kind, r.objects, opts));
  ctx.io.stdout(tables.map((t) => formatTable(t.headers, t.rows)).join('\n'));
}

/** Prints objects as they arrive: a table's header with the first row, then rows in its widths. */
function streamPrinter(ctx: CommandContext, kind: KindInfo, o: GetOptions): (objects: readonly KubeObject[]) => void {
  let widths: number[] | undefined;
  let documents = 0;
  return (objects) => {
    // Ages are measured when the rows are printed, not when the watch began.
    const opts = tableOptions(ctx, o, 1);
    for (const obj of objects) {
      if (o.format === 'name') ctx.io.stdout(`${objectRef(obj)}\n`);
      else if (o.format === 'json') ctx.io.stdout(formatDocument(obj, 'json'));
      else if (o.format === 'yaml') ctx.io.stdout(`${documents++ > 0 ? '---\n' : ''}${formatDocument(obj, 'yaml')}`);
    }
    if (o.format !== 'table' && o.format !== 'wide') return;
    const rows = objects.map((obj) => tableRow(kind.kind, obj, opts));
    if (rows.length === 0) return;
    if (widths === undefined) {
      const headers = tableHeaders(kind.kind, opts);
      widths = columnWidths(headers, rows);
      ctx.io.stdout(`${formatRow(headers, widths)}\n`);
    }
    const w = widths;
    ctx.io.stdout(rows.map((r) => `${formatRow(r, w)}\n`).join(''));
  };
}

/** get --watch: the current objects, then each change until Ctrl-C. */
async function watchObjects(ctx: CommandContext, api: ObjectApi, groups: readonly TargetGroup[], o: GetOptions): Promise<number> {
  const [g] = groups;
  if (g === undefined || groups.length > 1) throw new UsageError('--watch: watch one kind at a time');
  if (g.names.length > 1) throw new UsageError('--watch: watch one NAME at a time, or use -l');
  const byName = g.names[0] !== undefined ? `metadata.name=${g.names[0]}` : undefined;
  const fieldSelector = [o.fieldSelector, byName].filter((x) => x !== undefined).join(',') || undefined;
  const opts: GetOptions = { ...o, fieldSelector };
  const listed = await fetchList(api, g.kind, opts);
  if (listed.objects.length === 0) ctx.io.stderr(noResources(groups, o));
  const print = streamPrinter(ctx, g.kind, opts);
  print(listed.objects);
  const watch = api.watch(g.kind.kind, {
    ...(g.kind.namespaced && !o.allNamespaces ? { namespace: o.namespace } : {}),
    ...(o.labelSelector !== undefined ? { labelSelector: o.labelSelector } : {}),
    ...(fieldSelector !== undefined ? { fieldSelector } : {}),
    ...(listed.resourceVersion !== undefined ? { resourceVersion: listed.resourceVersion } : {}),
  });
  const stop = ctx.io.onInterrupt(() => watch.close());
  try {
    for await (const event of watch) print([withType(g.kind, event.object)]);
  } finally {
    stop();
    watch.close();
  }
  return 0;
}

const get: LeafCommand = {
  name: 'get',
  summary: 'List objects of one or more kinds, or show some by name',
  usage: 'get KIND[,KIND...] [NAME...] | KIND/NAME... [-n NS | -A] [-l SEL] [--field-selector SEL] [-o table|wide|json|yaml|name] [-w] [--chunk-size N]',
  help: `${NAMESPACE_HELP}
  -A, --all-namespaces       every namespace (tables get a NAMESPACE column)
  -l, --selector SEL         labels: app=web,tier in (fe,be),!canary
  --field-selector SEL       fields: metadata.name=web, spec.nodeName=n1, status.phase!=Running
  -o, --output FORMAT        table (default), wide (more columns), json, yaml, or name (kind/name)
  -w, --watch                after the current objects, print each change until Ctrl-C
  --chunk-size N             list N objects per request (default ${DEFAULT_CHUNK_SIZE}; 0: all at once)

"get all" lists pods, services, daemonsets, deployments, replicasets, statefulsets, hpa,
cronjobs and jobs. A name that is not found is an error (exit code 1); the others are printed.
-o json prints one object when one NAME is asked for, else Kubernetes' List shape:
{"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion"}, "items": [...]}.
With --watch, -o json prints one object per change.

${KINDS_HELP}`,
  options: {
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    selector: { type: 'string', short: 'l' },
    'field-selector': { type: 'string' },
    output: { type: 'string', short: 'o' },
    watch: { type: 'boolean', short: 'w' },
    'chunk-size': { type: 'string' },
  },
  args: ['KIND', '[NAME...]'],
  async run(ctx) {
    const o = getOptions(ctx);
    const groups = parseTargets(ctx.positionals, true);
    const named = groups.some((g) => g.names.length > 0);
    if (named && (o.labelSelector !== undefined || (o.fieldSelector !== undefined && !o.watch))) {
      throw new UsageError('NAME and a selector (-l, --field-selector) cannot be given together');
    }
    const api: ObjectApi = ctx.client();
    if (o.watch) return watchObjects(ctx, api, groups, o);
    const results: Fetched[] = [];
    let failed = false;
    for (const g of groups) {
      if (g.names.length === 0) {
        results.push(await fetchList(api, g.kind, o));
        continue;
      }
      const r = await fetchNamed(api, ctx.io, g, o.namespace);
      results.push(r.fetched);
      failed ||= r.failed;
    }
    const single = groups.length === 1 && groups[0]?.names.length === 1;
    printFetched(ctx, results, o, single);
    if (!named && o.format !== 'json' && o.format !== 'yaml' && results.every((r) => r.objects.length === 0)) ctx.io.stderr(noResources(groups, o));
    return failed ? 1 : 0;
  },
};

// ---------------------------------------------------------------------------------------------
// describe

/** The Events about an object, or undefined (with a warning) when they cannot be listed. */
async function eventsAbout(api: ObjectApi, io: CliIo, kind: KindInfo, obj: KubeObject): Promise<KubeObject[] | undefined> {
  try {
    const list = await api.list('Event', {
      namespace: kind.namespaced ? (obj.metadata.namespace ?? '') : '',
      fieldSelector: `involvedObject.name=${obj.metadata.name ?? ''},involvedObject.kind=${kind.kind}`,
    });
    return list.items;
  } catch (err) {
    if (!isBerthError(err)) throw err;
    io.stderr(`Warning: cannot list the events of ${objectRef(obj)}: ${err.message}\n`);
    return undefined;
  }
}

/** A Service's Endpoints object (same name), if there is one. */
async function endpointsOf(api: ObjectApi, svc: KubeObject): Promise<KubeObject | undefined> {
  try {
    return await api.get('Endpoints', svc.metadata.name ?? '', { namespace: svc.metadata.namespace ?? 'default' });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

async function describeOne(ctx: CommandContext, api: ObjectApi, kind: KindInfo, obj: KubeObject): Promise<string> {
  const events = kind.kind === 'Event' ? [] : await eventsAbout(api, ctx.io, kind, obj);
  const endpoints = kind.kind === 'Service' ? await endpointsOf(api, obj) : undefined;
  return describeObject({
    object: withType(kind, obj),
    now: nowOf(ctx.io),
    ...(events !== undefined ? { events } : {}),
    ...(endpoints !== undefined ? { endpoints } : {}),
  });
}

/** The objects a describe or delete target group stands for: its names, or every one listed. */
async function objectsOf(api: ObjectApi, io: CliIo, g: TargetGroup, namespace: string): Promise<{ objects: KubeObject[]; failed: boolean }> {
  if (g.names.length > 0) {
    const r = await fetchNamed(api, io, g, namespace);
    return { objects: r.fetched.objects, failed: r.failed };
  }
  const list = await api.list(g.kind.kind, inNamespace(g.kind, namespace));
  return { objects: list.items, failed: false };
}

const describe: LeafCommand = {
  name: 'describe',
  summary: 'Show an object in detail, with the events about it',
  usage: 'describe KIND [NAME...] | KIND/NAME... [-n NS]',
  help: `${NAMESPACE_HELP}

Prints metadata, the kind's own sections (pods: node, status, IP, containers with their state
and restarts, conditions; deployments: replicas, strategy, pod template, conditions; services:
type, selector, ports, endpoints; other kinds: spec and status as YAML) and the Events whose
involvedObject is the object. Without NAME, every object of KIND in the namespace.

${KINDS_HELP}`,
  options: { namespace: { type: 'string', short: 'n' } },
  args: ['KIND', '[NAME...]'],
  async run(ctx) {
    const namespace = namespaceFlag(ctx) ?? 'default';
    const api: ObjectApi = ctx.client();
    const pages: string[] = [];
    let failed = false;
    for (const g of parseTargets(ctx.positionals, false)) {
      const r = await objectsOf(api, ctx.io, g, namespace);
      failed ||= r.failed;
      for (const obj of r.objects) pages.push(await describeOne(ctx, api, g.kind, obj));
    }
    ctx.io.stdout(pages.join('\n\n'));
    return failed ? 1 : 0;
  },
};

// ---------------------------------------------------------------------------------------------
// apply

/** -o of the writing verbs: the kubectl-like line when not given, else one of `choices`. */
function writeFormat<T extends string>(ctx: CommandContext, choices: readonly T[]): T | 'text' {
  const value = ctx.values['output'];
  return value === undefined ? 'text' : choiceFlag('-o/--output', value, choices, choices[0] as T);
}

/** The object as sent: in the -n namespace (or "default") unless it names one; a conflict is an error. */
function placeObject(m: Manifest, namespace: string | undefined): KubeObject {
  const kind = findKind(m.object.kind);
  const own = m.object.metadata.namespace;
  if (kind !== undefined && !kind.namespaced) return m.object;
  if (own !== undefined && own !== '' && namespace !== undefined && own !== namespace) {
    throw new UsageError(`the namespace of the object (${JSON.stringify(own)}) does not match -n ${JSON.stringify(namespace)}; drop -n or use -n ${own}`);
  }
  return { ...m.object, metadata: { ...m.object.metadata, namespace: own || namespace || 'default' } };
}

function where(m: Manifest): string {
  return `${m.source}: ${objectRef(m.object)}`;
}

async function manifestsOf(ctx: CommandContext, verb: string): Promise<Manifest[]> {
  const files = listFlag(ctx.values['filename']);
  const manifests = await loadManifests(files, ctx.io.readStdin !== undefined ? { readStdin: () => ctx.io.readStdin!() } : {});
  if (manifests.length === 0) throw new UsageError(`no objects passed to ${verb} (${files.join(', ')} hold none)`);
  return manifests;
}

function printDocuments(ctx: CommandContext, objects: readonly KubeObject[], format: 'json' | 'yaml'): void {
  if (objects.length === 0) return;
  ctx.io.stdout(formatDocument(objects.length === 1 ? objects[0] : listDocument(objects, ''), format));
}

const apply: LeafCommand = {
  name: 'apply',
  summary: 'Create or update objects from manifest files',
  usage: 'apply -f FILE|DIR|- [-f ...] [--strict] [--dry-run] [-n NS] [-o name|json|yaml]',
  help: `  -f, --filename PATH        a YAML or JSON file, a directory of them (.yaml, .yml, .json), or -
                             for standard input; repeat for more. YAML may hold several
                             documents (---); a List stands for its items.
  --strict                   fields berth does not know are errors, not warnings
  --dry-run                  validate and default, but change nothing
${NAMESPACE_HELP}
                             for objects that name none; one that names another is an error
  -o, --output FORMAT        name (kind/name), json or yaml (the objects as stored);
                             default: one line per object, "deployment.apps/web configured"

Each object is "created", "configured" (changed) or "unchanged". Warnings go to stderr. An
object that fails is reported and the others are still applied; the exit code is then 1.
Problems in the files themselves stop everything before any object is sent.`,
  options: {
    filename: { type: 'string', short: 'f', multiple: true },
    strict: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    namespace: { type: 'string', short: 'n' },
    output: { type: 'string', short: 'o' },
  },
  args: [],
  async run(ctx) {
    const format = writeFormat(ctx, ['name', 'json', 'yaml'] as const);
    if (listFlag(ctx.values['filename']).length === 0) throw new UsageError('-f/--filename: is required (a file, a directory, or - for stdin)');
    const dryRun = ctx.values['dry-run'] === true;
    const namespace = namespaceFlag(ctx);
    const manifests = await manifestsOf(ctx, 'apply');
    const api: ObjectApi = ctx.client();
    const done: KubeObject[] = [];
    let failed = false;
    for (const m of manifests) {
      try {
        const res = await api.apply(placeObject(m, namespace), { strict: ctx.values['strict'] === true, dryRun });
        for (const w of res.warnings) ctx.io.stderr(`Warning: ${w}\n`);
        done.push(res.object);
        if (format === 'name') ctx.io.stdout(`${objectRef(m.object)}\n`);
        else if (format === 'text') ctx.io.stdout(`${objectRef(m.object)} ${res.result}${dryRun ? ' (dry run)' : ''}\n`);
      } catch (err) {
        if (!isBerthError(err) && !(err instanceof UsageError)) throw err;
        reportError(ctx.io, err, where(m));
        failed = true;
      }
    }
    if (format === 'json' || format === 'yaml') printDocuments(ctx, done, format);
    return failed ? 1 : 0;
  },
};

// ---------------------------------------------------------------------------------------------
// delete

interface DeleteTarget {
  readonly kind: Pick<KindInfo, 'kind' | 'apiVersion'> & { namespaced: boolean };
  readonly name: string;
  readonly namespace: string;
  readonly source?: string;
}

/** What to delete: the objects of -f, the named ones, or those -l/--all select. */
async function deleteTargets(ctx: CommandContext, api: ObjectApi, namespace: string): Promise<DeleteTarget[]> {
  const files = listFlag(ctx.values['filename']);
  const selector = stringFlag('-l/--selector', ctx.values['selector']);
  const all = ctx.values['all'] === true;
  if (files.length > 0) {
    if (ctx.positionals.length > 0) throw new UsageError('give either -f FILE or KIND NAME..., not both');
    return (await manifestsOf(ctx, 'delete')).map((m) => {
      const kind = findKind(m.object.kind) ?? { kind: m.object.kind, apiVersion: m.object.apiVersion, namespaced: true };
      return { kind, name: m.object.metadata.name ?? '', namespace: m.object.metadata.namespace || namespace, source: m.source };
    });
  }
  if (ctx.positionals.length === 0) throw new UsageError('missing KIND NAME... or -f FILE; usage: berth delete KIND NAME... | -f FILE');
  const targets: DeleteTarget[] = [];
  for (const g of parseTargets(ctx.positionals, false)) {
    if (g.names.length > 0 && (selector !== undefined || all)) throw new UsageError('NAME and -l/--all cannot be given together');
    if (g.names.length === 0 && selector === undefined && !all) throw new UsageError(`${g.kind.plural}: name the objects to delete, or select them with -l SELECTOR or --all`);
    const names = g.names.length > 0 ? g.names : (await api.list(g.kind.kind, { ...inNamespace(g.kind, namespace), ...(selector !== undefined ? { labelSelector: selector } : {}) })).items.map((x) => x.metadata.name ?? '');
    targets.push(...names.map((name) => ({ kind: g.kind, name, namespace })));
  }
  return targets;
}

/** Waits until a deleted object is gone (its finalizers done); false when interrupted first. */
async function waitGone(ctx: CommandContext, api: ObjectApi, t: DeleteTarget, fromRevision: string | undefined): Promise<boolean> {
  const watch = api.watch(t.kind.kind, {
    ...(t.kind.namespaced ? { namespace: t.namespace } : {}),
    fieldSelector: `metadata.name=${t.name}`,
    ...(fromRevision !== undefined ? { resourceVersion: fromRevision } : {}),
  });
  const stop = ctx.io.onInterrupt(() => watch.close());
  try {
    for await (const event of watch) if (event.type === 'DELETED') return true;
    return false;
  } finally {
    stop();
    watch.close();
  }
}

interface DeleteFlags {
  readonly gracePeriodSeconds: number | undefined;
  readonly dryRun: boolean;
  readonly wait: boolean;
  readonly ignoreNotFound: boolean;
  readonly names: boolean;
}

/** Deletes one object and prints what happened; returns false when it failed. */
async function deleteOne(ctx: CommandContext, api: ObjectApi, t: DeleteTarget, f: DeleteFlags): Promise<boolean> {
  const ref = quotedRef(t.kind, t.name);
  const suffix = f.dryRun ? ' (dry run)' : '';
  try {
    const res = await api.delete(t.kind.kind, t.name, {
      ...(t.kind.namespaced ? { namespace: t.namespace } : {}),
      ...(f.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: f.gracePeriodSeconds } : {}),
      dryRun: f.dryRun,
    });
    const finalizers = res.object.metadata?.finalizers ?? [];
    if (f.names) ctx.io.stdout(`${objectRef({ ...res.object, kind: t.kind.kind, apiVersion: t.kind.apiVersion })}\n`);
    else if (!res.pending) ctx.io.stdout(`${ref} deleted${suffix}\n`);
    else ctx.io.stdout(`${ref} marked for deletion${finalizers.length > 0 ? ` (finalizers: ${finalizers.join(', ')})` : ''}${suffix}\n`);
    if (!res.pending || !f.wait || f.dryRun) return true;
    if (await waitGone(ctx, api, t, res.object.metadata?.resourceVersion)) {
      if (!f.names) ctx.io.stdout(`${ref} deleted\n`);
      return true;
    }
    ctx.io.stderr(`error: stopped waiting for ${ref} to be deleted\n`);
    return false;
  } catch (err) {
    if (!isBerthError(err)) throw err;
    if (f.ignoreNotFound && isNotFound(err)) return true;
    reportError(ctx.io, err, t.source);
    return false;
  }
}

const del: LeafCommand = {
  name: 'delete',
  summary: 'Delete objects by name, by selector, or as listed in manifest files',
  usage: 'delete KIND NAME... | KIND/NAME... | KIND -l SEL | -f FILE [-n NS] [--grace-period N] [--wait=false] [--ignore-not-found]',
  help: `  -f, --filename PATH        delete the objects of these manifests (repeatable; - for stdin)
  -l, --selector SEL         every object of KIND with these labels
  --all                      every object of KIND in the namespace
${NAMESPACE_HELP}
  --grace-period N           seconds a pod gets to stop (default: the object's own)
  --wait=false               return once deletion has started, without waiting for finalizers
  --ignore-not-found         an object that does not exist is not an error
  --dry-run                  check, but delete nothing
  -o, --output name          print kind/name of each deleted object

Prints 'deployment.apps "web" deleted', or '... marked for deletion (finalizers: a, b)' while
finalizers keep it, then waits (unless --wait=false) until it is gone. An object that is not
found is an error (exit code 1) unless --ignore-not-found; the others are still deleted.

${KINDS_HELP}`,
  options: {
    filename: { type: 'string', short: 'f', multiple: true },
    selector: { type: 'string', short: 'l' },
    all: { type: 'boolean' },
    namespace: { type: 'string', short: 'n' },
    'grace-period': { type: 'string' },
    wait: { type: 'boolean' },
    'ignore-not-found': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  },
  args: ['[KIND]', '[NAME...]'],
  async run(ctx) {
    const flags: DeleteFlags = {
      gracePeriodSeconds: intFlag('grace-period', ctx.values['grace-period'], 0),
      dryRun: ctx.values['dry-run'] === true,
      wait: ctx.values['wait'] !== false,
      ignoreNotFound: ctx.values['ignore-not-found'] === true,
      names: writeFormat(ctx, ['name'] as const) === 'name',
    };
    const namespace = namespaceFlag(ctx) ?? 'default';
    const api: ObjectApi = ctx.client();
    let failed = false;
    for (const t of await deleteTargets(ctx, api, namespace)) {
      if (!(await deleteOne(ctx, api, t, flags))) failed = true;
    }
    return failed ? 1 : 0;
  },
};

// ---------------------------------------------------------------------------------------------
// create namespace

const createNamespace: LeafCommand = {
  name: 'namespace',
  aliases: ['ns'],
  summary: 'Create a namespace',
  usage: 'create namespace NAME [--dry-run] [-o name|json|yaml]',
  help: `  --dry-run                  check, but create nothing
  -o, --output FORMAT        name (namespace/NAME), json or yaml (the object as stored);
                             default: "namespace/NAME created"

A namespace that exists already is an error (exit code 1).`,
  options: { 'dry-run': { type: 'boolean' }, output: { type: 'string', short: 'o' } },
  args: ['NAME'],
  async run(ctx) {
    const format = writeFormat(ctx, ['name', 'json', 'yaml'] as const);
    const dryRun = ctx.values['dry-run'] === true;
    const api: ObjectApi = ctx.client();
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ctx.positionals[0] ?? '' } };
    const created = await api.create(obj, { dryRun });
    if (format === 'json' || format === 'yaml') ctx.io.stdout(formatDocument(created, format));
    else ctx.io.stdout(`${objectRef(obj)}${format === 'name' ? '' : ` created${dryRun ? ' (dry run)' : ''}`}\n`);
    return 0;
  },
};

export const createGroup: CommandGroup = {
  name: 'create',
  summary: 'Create an object from arguments',
  commands: [createNamespace],
};

/** The object verbs, each a top-level command. */
export const objectCommands: readonly LeafCommand[] = [apply, get, describe, del];
