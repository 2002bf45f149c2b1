// `berth delete`: deletes objects by name, by selector or as listed in manifest files, and
// waits (unless --wait=false) until finalizers let them go.
import { findKind, isBerthError } from '../index.js';
import type { KindInfo, ObjectApi } from '../index.js';
import { UsageError, intFlag, listFlag, stringFlag } from './args.js';
import type { CommandContext, LeafCommand } from './command.js';
import { KINDS_HELP, NAMESPACE_HELP, inNamespace, isNotFound, manifestsOf, namespaceFlag, parseTargets, writeFormat } from './object-common.js';
import { reportError } from './output.js';
import { objectRef, quotedRef } from './printers/index.js';

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
  readonly propagationPolicy: 'Background' | 'Foreground' | 'Orphan';
  /** --force with a grace period of 0: removed at once, printed as "force deleted". */
  readonly force: boolean;
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
      propagationPolicy: f.propagationPolicy,
      dryRun: f.dryRun,
    });
    const finalizers = res.object.metadata?.finalizers ?? [];
    if (f.names) ctx.io.stdout(`${objectRef({ ...res.object, kind: t.kind.kind, apiVersion: t.kind.apiVersion })}\n`);
    else if (!res.pending) ctx.io.stdout(`${ref} ${f.force ? 'force deleted' : 'deleted'}${suffix}\n`);
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

/** kubectl's warning for --force --grace-period=0. */
export const IMMEDIATE_DELETION_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

/**
 * The grace period that --grace-period, --now and --force make, kubectl's way: --now is 1 second
 * (and excludes --grace-period); --force alone is 0, and with a grace period above 0 is refused.
 */
function gracePeriod(ctx: CommandContext): { gracePeriodSeconds: number | undefined; force: boolean } {
  let grace = intFlag('grace-period', ctx.values['grace-period'], 0);
  const force = ctx.values['force'] === true;
  if (ctx.values['now'] === true) {
    if (grace !== undefined) throw new UsageError('--now and --grace-period cannot be given together (--now is --grace-period=1)');
    if (force) throw new UsageError('--now and --force cannot be given together (--force deletes at once, --now waits 1 second)');
    grace = 1;
  }
  if (force && grace !== undefined && grace > 0) throw new UsageError(`--force and --grace-period greater than 0 cannot be given together (got --grace-period=${grace})`);
  if (force) grace = 0;
  return { gracePeriodSeconds: grace, force };
}

const CASCADE: Readonly<Record<string, DeleteFlags['propagationPolicy']>> = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' };

/**
 * --cascade, kubectl's way: background (the default: the object goes at once, its dependents
 * after it), foreground (its dependents go first) or orphan (they stay). kubectl deprecated the
 * boolean form: true still means background, with a warning; false is refused, naming orphan.
 */
function cascadeFlag(ctx: CommandContext): DeleteFlags['propagationPolicy'] {
  const value = stringFlag('--cascade', ctx.values['cascade']);
  if (value === undefined) return 'Background';
  if (value === 'false') throw new UsageError('--cascade=false: use --cascade=orphan to leave the dependents in place (the boolean form is deprecated)');
  if (value === 'true') {
    ctx.io.stderr('Warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n');
    return 'Background';
  }
  const policy = CASCADE[value];
  if (policy === undefined) throw new UsageError(`--cascade: must be one of background, foreground, orphan (got ${JSON.stringify(value)})`);
  return policy;
}

export const deleteCommand: LeafCommand = {
  name: 'delete',
  summary: 'Delete objects by name, by selector, or as listed in manifest files',
  usage: 'delete KIND NAME... | KIND/NAME... | KIND -l SEL | -f FILE [-n NS] [--grace-period N | --now | --force] [--cascade=background|foreground|orphan] [--wait=false] [--ignore-not-found]',
  help: `  -f, --filename PATH        delete the objects of these manifests (repeatable; - for stdin)
  -l, --selector SEL         every object of KIND with these labels
  --all                      every object of KIND in the namespace
${NAMESPACE_HELP}
  --grace-period N           seconds a pod gets to stop (default: the object's own)
  --now                      a grace period of 1 second: stop at once, gracefully
  --force                    remove at once (--grace-period=0), without waiting for the pod's
                             containers to stop: they may go on running on their node for a while
  --cascade=MODE             what becomes of the objects it owns (a deployment's replicasets,
                             their pods): background (default) deletes them after it,
                             foreground before it (it waits for them), orphan leaves them
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
    now: { type: 'boolean' },
    force: { type: 'boolean' },
    cascade: { type: 'string' },
    wait: { type: 'boolean' },
    'ignore-not-found': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  },
  args: ['[KIND]', '[NAME...]'],
  async run(ctx) {
    const grace = gracePeriod(ctx);
    const flags: DeleteFlags = {
      ...grace,
      propagationPolicy: cascadeFlag(ctx),
      dryRun: ctx.values['dry-run'] === true,
      wait: ctx.values['wait'] !== false,
      ignoreNotFound: ctx.values['ignore-not-found'] === true,
      names: writeFormat(ctx, ['name'] as const) === 'name',
    };
    const namespace = namespaceFlag(ctx) ?? 'default';
    if (grace.force && grace.gracePeriodSeconds === 0) ctx.io.stderr(IMMEDIATE_DELETION_WARNING);
    const api: ObjectApi = ctx.client();
    let failed = false;
    for (const t of await deleteTargets(ctx, api, namespace)) {
      if (!(await deleteOne(ctx, api, t, flags))) failed = true;
    }
    return failed ? 1 : 0;
  },
};
