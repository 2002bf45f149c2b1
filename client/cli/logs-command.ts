// `berth logs`: a container's log, raw bytes to stdout as they come; with -f, on until the pod's
// stream ends or Ctrl-C.
import { UsageError, intFlag, stringFlag } from './args.js';
import type { CommandContext, LeafCommand } from './command.js';
import { nodeCalls } from './node-commands.js';
import { namespaceFlag } from './object-common.js';

/** POD, or pod/POD (po/, pods/); any other KIND/NAME is refused. */
export function podArg(arg: string | undefined, verb: string): string {
  const text = arg ?? '';
  const slash = text.indexOf('/');
  if (slash < 0) {
    if (text === '') throw new UsageError(`${verb}: give a pod name (POD or pod/POD)`);
    return text;
  }
  const kind = text.slice(0, slash).toLowerCase();
  const name = text.slice(slash + 1);
  if (!['pod', 'pods', 'po'].includes(kind)) throw new UsageError(`${verb}: only pods have ${verb === 'logs' ? 'logs' : 'containers to run in'} (got ${JSON.stringify(text)}); give POD or pod/POD`);
  if (name === '' || name.includes('/')) throw new UsageError(`${verb}: give a pod name (POD or pod/POD; got ${JSON.stringify(text)})`);
  return name;
}

/** -c, or the CONTAINER argument kubectl also takes; not both. */
function containerOf(ctx: CommandContext): string | undefined {
  const flag = stringFlag('-c/--container', ctx.values['container']);
  const positional = ctx.positionals[1];
  if (flag !== undefined && positional !== undefined) throw new UsageError(`-c/--container: give the container once (got -c ${flag} and ${JSON.stringify(positional)})`);
  const c = flag ?? positional;
  if (c === '') throw new UsageError('-c/--container: needs a container name');
  return c;
}

export const logsCommand: LeafCommand = {
  name: 'logs',
  summary: "Print a container's log",
  usage: 'logs POD [-c CONTAINER] [-n NS] [-f] [--tail N] [--previous] [--limit-bytes N]',
  help: `  -c, --container NAME       the container (needed when the pod has more than one)
  -n, --namespace NS         the pod's namespace (default: "default")
  -f, --follow               keep printing new output until the log ends or Ctrl-C
  --tail N                   only the last N lines (default -1: all)
  -p, --previous             the log of the container's previous instance (before its restart)
  --limit-bytes N            at most N bytes

POD may also be written pod/POD. The log is written to stdout as the container wrote it.`,
  options: {
    container: { type: 'string', short: 'c' },
    namespace: { type: 'string', short: 'n' },
    follow: { type: 'boolean', short: 'f' },
    tail: { type: 'string' },
    previous: { type: 'boolean', short: 'p' },
    'limit-bytes': { type: 'string' },
  },
  args: ['POD', '[CONTAINER]'],
  async run(ctx) {
    const pod = podArg(ctx.positionals[0], 'logs');
    const container = containerOf(ctx);
    const tail = intFlag('tail', ctx.values['tail'], -1);
    const limitBytes = intFlag('limit-bytes', ctx.values['limit-bytes'], 1);
    const namespace = namespaceFlag(ctx);
    const abort = new AbortController();
    const stream = nodeCalls(ctx).logs(pod, {
      ...(namespace !== undefined ? { namespace } : {}),
      ...(container !== undefined ? { container } : {}),
      ...(tail !== undefined && tail >= 0 ? { tailLines: tail } : {}),
      ...(limitBytes !== undefined ? { limitBytes } : {}),
      follow: ctx.values['follow'] === true,
      previous: ctx.values['previous'] === true,
      signal: abort.signal,
    });
    const stop = ctx.io.onInterrupt(() => abort.abort());
    try {
      for await (const chunk of stream) ctx.io.stdout(chunk);
    } finally {
      stop();
    }
    return 0;
  },
};
