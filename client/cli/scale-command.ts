// `berth scale`: sets the replicas of deployments, replicasets and statefulsets through the SDK's
// scaleWorkload (client/rollout.ts), with kubectl's preconditions --current-replicas and
// --resource-version.
import { SCALABLE_KINDS, isBerthError, scaleWorkload } from '../index.js';
import { UsageError, intFlag, stringFlag } from './args.js';
import type { LeafCommand } from './command.js';
import { NAMESPACE_HELP, namespaceFlag, parseTargets } from './object-common.js';
import { reportError } from './output.js';
import { objectRef } from './printers/index.js';

export const scaleCommand: LeafCommand = {
  name: 'scale',
  summary: 'Set the number of replicas of deployments, replicasets or statefulsets',
  usage: 'scale KIND/NAME... | KIND NAME... --replicas N [--current-replicas M] [--resource-version RV] [-n NS] [--dry-run]',
  help: `  --replicas N               the new number of replicas (an integer >= 0); required
  --current-replicas M       only if the object has M replicas now; else an error (conflict)
  --resource-version RV      only if the object's resourceVersion is RV now; else an error
                             (conflict); for one object only
${NAMESPACE_HELP}
  --dry-run                  check, but change nothing

Prints "deployment.apps/web scaled" for each object. An object that fails is reported and the
others are still scaled; the exit code is then 1.

Examples:
  berth scale deployment/web --replicas 5
  berth scale statefulset db --replicas 3 --current-replicas 1`,
  options: {
    replicas: { type: 'string' },
    'current-replicas': { type: 'string' },
    'resource-version': { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    'dry-run': { type: 'boolean' },
  },
  args: ['KIND/NAME', '[NAME...]'],
  async run(ctx) {
    if (ctx.values['replicas'] === undefined) throw new UsageError('--replicas: is required (the new number of replicas, e.g. --replicas 3)');
    const replicas = intFlag('replicas', ctx.values['replicas'], 0) as number;
    const currentReplicas = intFlag('current-replicas', ctx.values['current-replicas'], 0);
    const resourceVersion = stringFlag('--resource-version', ctx.values['resource-version']);
    if (resourceVersion !== undefined && !/^\d+$/.test(resourceVersion)) throw new UsageError(`--resource-version: must be a resourceVersion such as 1234 (got ${JSON.stringify(resourceVersion)})`);
    const targets = parseTargets(ctx.positionals, false).flatMap((g) => {
      if (!SCALABLE_KINDS.includes(g.kind.kind)) throw new UsageError(`cannot scale ${g.kind.plural}: only deployments, replicasets and statefulsets can be scaled`);
      if (g.names.length === 0) throw new UsageError(`name the ${g.kind.plural} to scale, e.g. ${g.kind.singular}/NAME`);
      return g.names.map((name) => ({ kind: g.kind, name }));
    });
    if (resourceVersion !== undefined && targets.length > 1) throw new UsageError('--resource-version: only one object can be scaled with it');
    const dryRun = ctx.values['dry-run'] === true;
    const options = {
      namespace: namespaceFlag(ctx) ?? 'default',
      dryRun,
      ...(currentReplicas !== undefined ? { currentReplicas } : {}),
      ...(resourceVersion !== undefined ? { resourceVersion } : {}),
    };
    const api = ctx.client();
    let failed = false;
    for (const t of targets) {
      try {
        await scaleWorkload(api, t.kind.kind, t.name, replicas, options);
        ctx.io.stdout(`${objectRef({ apiVersion: t.kind.apiVersion, kind: t.kind.kind, metadata: { name: t.name } })} scaled${dryRun ? ' (dry run)' : ''}\n`);
      } catch (err) {
        if (!isBerthError(err)) throw err;
        reportError(ctx.io, err);
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};
