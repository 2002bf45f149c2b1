// `berth rollout`: kubectl's rollout verbs (status, history, undo, pause, resume, restart), each a
// thin layer over the SDK's client.rollouts (client/rollout.ts), which does the work.
import { NotFoundError, isBerthError } from '../index.js';
import type { KindInfo, RolloutRevision } from '../index.js';
import { UsageError, intFlag } from './args.js';
import type { CommandContext, CommandGroup, LeafCommand } from './command.js';
import { NAMESPACE_HELP, namespaceFlag, parseTargets, writeFormat } from './object-common.js';
import { formatDocument, formatTable, reportError } from './output.js';
import { objectRef } from './printers/index.js';
import { rolloutsOf, timeoutFlag } from './wait.js';

interface Target {
  readonly kind: KindInfo;
  readonly name: string;
}

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/** `KIND/NAME...` or `KIND NAME...`, each of a kind in `allowed`. */
function targetsOf(ctx: CommandContext, allowed: readonly string[], verb: string): Target[] {
  const targets = parseTargets(ctx.positionals, false).flatMap((g) => {
    if (!allowed.includes(g.kind.kind)) {
      throw new UsageError(`rollout ${verb}: ${g.kind.plural} are not supported (only ${allowed.map((k) => `${k.toLowerCase()}s`).join(', ')})`);
    }
    return g.names.map((name) => ({ kind: g.kind, name }));
  });
  if (targets.length === 0) throw new UsageError(`rollout ${verb}: name the object, e.g. deployment/web or deployment web`);
  return targets;
}

function oneTarget(ctx: CommandContext, allowed: readonly string[], verb: string): Target {
  const targets = targetsOf(ctx, allowed, verb);
  if (targets.length > 1) throw new UsageError(`rollout ${verb}: takes one object (got ${targets.length})`);
  return targets[0] as Target;
}

function refOf(t: Target): string {
  return objectRef({ apiVersion: t.kind.apiVersion, kind: t.kind.kind, metadata: { name: t.name } });
}

function namespaceOf(ctx: CommandContext): string {
  return namespaceFlag(ctx) ?? 'default';
}

const statusCommand: LeafCommand = {
  name: 'status',
  summary: 'Follow a rollout until it is done',
  usage: 'rollout status KIND/NAME [-n NS] [--watch=false] [--timeout DURATION] [--revision N]',
  help: `  KIND/NAME                  a deployment, statefulset or daemonset (also KIND NAME)
${NAMESPACE_HELP}
  --watch=false              print where the rollout stands now, and exit 0, done or not
  --timeout DURATION         give up after this long (e.g. 90s, 5m); default 0: no limit
  --revision N               deployments: fail unless the running revision is N

Prints a line whenever the rollout moves on, as kubectl does, and the last one when it is done:
  Waiting for deployment "web" rollout to finish: 2 out of 6 new replicas have been updated...
  Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
  deployment "web" successfully rolled out
Exits 1 when the deployment exceeded its progress deadline, when its controller rolled it back
by itself (the reason is printed), or when --timeout passed first.

Examples:
  berth rollout status deployment/web
  berth rollout status sts/db -n prod --timeout 5m`,
  options: {
    namespace: { type: 'string', short: 'n' },
    watch: { type: 'boolean', short: 'w' },
    timeout: { type: 'string' },
    revision: { type: 'string' },
  },
  args: ['KIND/NAME', '[NAME]'],
  async run(ctx) {
    const t = oneTarget(ctx, WORKLOADS, 'status');
    const revision = intFlag('revision', ctx.values['revision'], 1);
    if (revision !== undefined && t.kind.kind !== 'Deployment') throw new UsageError('--revision: only deployments have revisions');
    const interrupted = new AbortController();
    const stop = ctx.io.onInterrupt(() => interrupted.abort());
    let printed = '';
    const print = (line: string): void => {
      if (line !== printed) ctx.io.stdout(`${line}\n`);
      printed = line;
    };
    try {
      const res = await rolloutsOf(ctx).status(t.kind.kind, t.name, {
        namespace: namespaceOf(ctx),
        watch: ctx.values['watch'] !== false,
        timeoutMs: timeoutFlag(ctx.values['timeout'], '0').ms,
        ...(revision !== undefined ? { revision } : {}),
        signal: interrupted.signal,
        onProgress: (p) => print(p.message),
      });
      print(res.message);
      return 0;
    } finally {
      stop();
    }
  },
};

/** What `history -o json|yaml` prints: stable field names for scripts. */
function historyDocument(kind: string, name: string, namespace: string, revisions: readonly RolloutRevision[], withTemplate: boolean): Record<string, unknown> {
  return {
    kind,
    name,
    namespace,
    revisions: revisions.map((r) => ({ revision: r.revision, changeCause: r.changeCause, replicaSet: r.replicaSet, ...(withTemplate ? { template: r.template } : {}) })),
  };
}

const historyCommand: LeafCommand = {
  name: 'history',
  summary: "List a deployment's revisions, or show one",
  usage: 'rollout history deployment/NAME [-n NS] [--revision N] [-o json|yaml]',
  help: `${NAMESPACE_HELP}
  --revision N               show the pod template of revision N (as YAML)
  -o, --output FORMAT        json or yaml:
                             {kind, name, namespace, revisions: [{revision, changeCause,
                             replicaSet, template}]}, template only with --revision;
                             changeCause is null when the revision has none

The revisions are those of the deployment's ReplicaSets (deployment.kubernetes.io/revision);
CHANGE-CAUSE is their kubernetes.io/change-cause annotation.

Examples:
  berth rollout history deployment/web
  berth rollout history deployment/web --revision 3`,
  options: {
    namespace: { type: 'string', short: 'n' },
    revision: { type: 'string' },
    output: { type: 'string', short: 'o' },
  },
  args: ['KIND/NAME', '[NAME]'],
  async run(ctx) {
    const t = oneTarget(ctx, ['Deployment'], 'history');
    const revision = intFlag('revision', ctx.values['revision'], 1);
    const format = writeFormat(ctx, ['json', 'yaml'] as const);
    const h = await rolloutsOf(ctx).history(t.kind.kind, t.name, { namespace: namespaceOf(ctx) });
    const shown = revision === undefined ? h.revisions : h.revisions.filter((r) => r.revision === revision);
    if (revision !== undefined && shown.length === 0) throw new NotFoundError(`unable to find specified revision ${revision} in history`);
    if (format !== 'text') {
      ctx.io.stdout(formatDocument(historyDocument(h.kind, h.name, h.namespace, shown, revision !== undefined), format));
      return 0;
    }
    const one = shown[0];
    if (revision !== undefined && one !== undefined) {
      ctx.io.stdout(`${refOf(t)} with revision #${revision}\nPod Template:\n${formatDocument(one.template, 'yaml').replace(/^(?=.)/gm, '  ')}`);
      return 0;
    }
    ctx.io.stdout(`${refOf(t)}\n${formatTable(['REVISION', 'CHANGE-CAUSE'], shown.map((r) => [String(r.revision), r.changeCause ?? '<none>']))}`);
    return 0;
  },
};

const undoCommand: LeafCommand = {
  name: 'undo',
  summary: 'Roll a deployment back to an earlier revision',
  usage: 'rollout undo deployment/NAME [-n NS] [--to-revision N] [--dry-run]',
  help: `${NAMESPACE_HELP}
  --to-revision N            the revision to go back to (default: the one before the current)
  --dry-run                  check, but change nothing

The deployment gets the pod template of that revision back, and rolls it out. Prints
"deployment.apps/web rolled back", or "... skipped rollback (current template already matches
revision N)". A revision not in the history, or a paused deployment, is an error.

Examples:
  berth rollout undo deployment/web
  berth rollout undo deployment/web --to-revision 2`,
  options: {
    namespace: { type: 'string', short: 'n' },
    'to-revision': { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  args: ['KIND/NAME', '[NAME]'],
  async run(ctx) {
    const t = oneTarget(ctx, ['Deployment'], 'undo');
    const toRevision = intFlag('to-revision', ctx.values['to-revision'], 0);
    const dryRun = ctx.values['dry-run'] === true;
    const res = await rolloutsOf(ctx).undo(t.kind.kind, t.name, { namespace: namespaceOf(ctx), dryRun, ...(toRevision !== undefined ? { toRevision } : {}) });
    const what = res.skipped ? `skipped rollback (current template already matches revision ${res.revision})` : 'rolled back';
    ctx.io.stdout(`${refOf(t)} ${what}${dryRun ? ' (dry run)' : ''}\n`);
    return 0;
  },
};

type Change = 'pause' | 'resume' | 'restart';

/** pause, resume and restart: one change per object; a failure is reported and the others still go. */
function changeVerb(verb: Change, summary: string, allowed: readonly string[], done: string, help: string): LeafCommand {
  return {
    name: verb,
    summary,
    usage: `rollout ${verb} KIND/NAME... [-n NS] [--dry-run]`,
    help: `${NAMESPACE_HELP}
  --dry-run                  check, but change nothing

${help}`,
    options: { namespace: { type: 'string', short: 'n' }, 'dry-run': { type: 'boolean' } },
    args: ['KIND/NAME...'],
    async run(ctx) {
      const targets = targetsOf(ctx, allowed, verb);
      const rollouts = rolloutsOf(ctx);
      const options = { namespace: namespaceOf(ctx), dryRun: ctx.values['dry-run'] === true };
      let failed = false;
      for (const t of targets) {
        try {
          await rollouts[verb](t.kind.kind, t.name, options);
          ctx.io.stdout(`${refOf(t)} ${done}${options.dryRun ? ' (dry run)' : ''}\n`);
        } catch (err) {
          if (!isBerthError(err)) throw err;
          reportError(ctx.io, err);
          failed = true;
        }
      }
      return failed ? 1 : 0;
    },
  };
}

const pauseCommand = changeVerb(
  'pause',
  'Pause a deployment: changes to it are not rolled out until resumed',
  ['Deployment'],
  'paused',
  `Prints "deployment.apps/web paused"; a deployment that is paused already is an error.

Example:
  berth rollout pause deployment/web`,
);

const resumeCommand = changeVerb(
  'resume',
  'Resume a paused deployment',
  ['Deployment'],
  'resumed',
  `Prints "deployment.apps/web resumed"; a deployment that is not paused is an error.

Example:
  berth rollout resume deployment/web`,
);

const restartCommand = changeVerb(
  'restart',
  'Replace every pod of a workload by a rollout',
  WORKLOADS,
  'restarted',
  `Sets the pod template annotation kubectl.kubernetes.io/restartedAt to now, which rolls out new
pods the way any change of the template does. For deployments, statefulsets and daemonsets;
a paused deployment is an error. Prints "deployment.apps/web restarted".

Examples:
  berth rollout restart deployment/web
  berth rollout restart deployment/web statefulset/db`,
);

export const rolloutGroup: CommandGroup = {
  name: 'rollout',
  summary: 'Follow, list, undo, pause, resume and restart rollouts',
  commands: [statusCommand, historyCommand, undoCommand, pauseCommand, resumeCommand, restartCommand],
};
