// `berth apply -f`: creates or updates the objects of manifest files, each placed in its
// namespace, and prints what became of each; with --wait, then waits for them to roll out.
import { findKind, isBerthError } from '../index.js';
import type { KubeObject, ObjectApi } from '../index.js';
import { UsageError, listFlag } from './args.js';
import type { CommandContext, LeafCommand } from './command.js';
import type { Manifest } from './manifests.js';
import { NAMESPACE_HELP, listDocument, manifestsOf, namespaceFlag, writeFormat } from './object-common.js';
import { formatDocument, reportError } from './output.js';
import { objectRef } from './printers/index.js';
import { DEFAULT_WAIT_TIMEOUT, isWaitable, timeoutFlag, waitForObjects } from './wait.js';

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

function printDocuments(ctx: CommandContext, objects: readonly KubeObject[], format: 'json' | 'yaml'): void {
  if (objects.length === 0) return;
  ctx.io.stdout(formatDocument(objects.length === 1 ? objects[0] : listDocument(objects, ''), format));
}

export const applyCommand: LeafCommand = {
  name: 'apply',
  summary: 'Create or update objects from manifest files',
  usage: 'apply -f FILE|DIR|- [-f ...] [--strict] [--dry-run] [--wait [--timeout 5m]] [-n NS] [-o name|json|yaml]',
  help: `  -f, --filename PATH        a YAML or JSON file, a directory of them (.yaml, .yml, .json), or -
                             for standard input; repeat for more. YAML may hold several
                             documents (---); a List stands for its items.
  --strict                   fields berth does not know are errors, not warnings
  --dry-run                  validate and default, but change nothing
  --wait                     then wait until every deployment, statefulset and daemonset applied
                             has rolled out and every job has completed, with a line of
                             progress per object on stderr; exit 1 if any failed (a deployment
                             past its progress deadline or rolled back, a failed job)
  --timeout DURATION         with --wait: how long to wait for all of them (default 5m; 0: no limit)
${NAMESPACE_HELP}
                             for objects that name none; one that names another is an error
  -o, --output FORMAT        name (kind/name), json or yaml (the objects as stored);
                             default: one line per object, "deployment.apps/web configured"

Each object is "created", "configured" (changed) or "unchanged". Warnings go to stderr. An
object that fails is reported and the others are still applied; the exit code is then 1.
Problems in the files themselves stop everything before any object is sent.

Examples:
  berth apply -f web.yaml
  berth apply -f deploy/ --wait --timeout 10m`,
  options: {
    filename: { type: 'string', short: 'f', multiple: true },
    strict: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    wait: { type: 'boolean' },
    timeout: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    output: { type: 'string', short: 'o' },
  },
  args: [],
  async run(ctx) {
    const format = writeFormat(ctx, ['name', 'json', 'yaml'] as const);
    if (listFlag(ctx.values['filename']).length === 0) throw new UsageError('-f/--filename: is required (a file, a directory, or - for stdin)');
    const dryRun = ctx.values['dry-run'] === true;
    const wait = ctx.values['wait'] === true;
    if (ctx.values['timeout'] !== undefined && !wait) throw new UsageError('--timeout: only with --wait');
    if (wait && dryRun) throw new UsageError('--wait: a dry run changes nothing to wait for');
    const timeout = timeoutFlag(ctx.values['timeout'], DEFAULT_WAIT_TIMEOUT);
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
    if (wait && !(await waitForObjects(ctx, done.filter(isWaitable), timeout))) failed = true;
    return failed ? 1 : 0;
  },
};
