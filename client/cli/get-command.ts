// `berth get`: lists objects of one or more kinds or shows some by name, as a table, json, yaml
// or names, and with --watch prints each change until Ctrl-C.
import type { KindInfo, KubeObject, ObjectApi } from '../index.js';
import { UsageError, choiceFlag, intFlag, stringFlag } from './args.js';
import type { CommandContext, LeafCommand } from './command.js';
import { nowOf } from './command.js';
import { DEFAULT_CHUNK_SIZE, KINDS_HELP, NAMESPACE_HELP, fetchNamed, listDocument, namespaceFlag, parseTargets, withType } from './object-common.js';
import type { Fetched, TargetGroup } from './object-common.js';
import { columnWidths, formatDocument, formatRow, formatTable } from './output.js';
import { objectRef, objectTable, tableHeaders, tableRow } from './printers/index.js';
import type { TableOptions } from './printers/index.js';

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

function noResources(groups: readonly TargetGroup[], o: GetOptions): string {
  const namespaced = groups.some((g) => g.kind.namespaced);
  return namespaced && !o.allNamespaces ? `No resources found in ${o.namespace} namespace.\n` : 'No resources found\n';
}

function tableOptions(ctx: CommandContext, o: GetOptions, kinds: number): TableOptions {
  return { now: nowOf(ctx.io), wide: o.format === 'wide', withNamespace: o.allNamespaces, withKind: kinds > 1 };
}

/**
 * What nodes use now, for `get nodes -o wide`: usage is never stored (heartbeats live in the
 * leader's memory), so it is asked for separately, and the table goes without it on failure.
 */
async function nodeUsageFor(ctx: CommandContext, results: readonly Fetched[], o: GetOptions): Promise<TableOptions['nodeUsage']> {
  if (o.format !== 'wide' || !results.some((r) => r.kind.kind === 'Node' && r.objects.length > 0)) return undefined;
  try {
    const usage = await ctx.client().nodes?.usage();
    return usage === undefined ? undefined : new Map(usage.nodes.map((n) => [n.name, n.usage]));
  } catch {
    return undefined;
  }
}

function printFetched(ctx: CommandContext, results: readonly Fetched[], o: GetOptions, single: boolean, nodeUsage?: TableOptions['nodeUsage']): void {
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
  const opts = { ...tableOptions(ctx, o, results.length), ...(nodeUsage !== undefined ? { nodeUsage } : {}) };
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

export const getCommand: LeafCommand = {
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
    printFetched(ctx, results, o, single, await nodeUsageFor(ctx, results, o));
    if (!named && o.format !== 'json' && o.format !== 'yaml' && results.every((r) => r.objects.length === 0)) ctx.io.stderr(noResources(groups, o));
    return failed ? 1 : 0;
  },
};
