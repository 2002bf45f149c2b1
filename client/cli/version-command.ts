// `berth version`: the version of this client (from berth's package.json) and what the cluster
// says of itself (leader and term). An unreachable cluster is noted, not an error: the client
// version is still worth printing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBerthError } from '../index.js';
import type { ClusterOverview } from '../index.js';
import { choiceFlag } from './args.js';
import type { LeafCommand } from './command.js';
import { formatDocument } from './output.js';

/** How far up from this module berth's package.json may be: client/cli/, dist/client/cli/, and slack. */
const MAX_LEVELS_UP = 5;

let cached: string | undefined;

/**
 * The version in berth's package.json, found by walking up from this module (which works from
 * the sources and from dist/); "unknown" when there is none.
 */
export function clientVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'berth' && typeof pkg.version === 'string') return (cached = pkg.version);
    }
    dir = dirname(dir);
  }
  return (cached = 'unknown');
}

/** The stable -o json form: {"clientVersion": {"version"}, "server"?: {"leader", "term", "members"}}. */
export function versionDocument(version: string, overview: ClusterOverview | undefined): Record<string, unknown> {
  return {
    clientVersion: { version },
    ...(overview !== undefined ? { server: { leader: overview.leader, term: overview.term, members: overview.members.length } } : {}),
  };
}

export const versionCommand: LeafCommand = {
  name: 'version',
  summary: 'Print the client version and the cluster leader and term',
  usage: 'version [--client] [-o json|yaml]',
  help: `  --client                   the client version only; do not ask the cluster
  -o, --output FORMAT        json or yaml

-o json prints {"clientVersion": {"version"}, "server": {"leader", "term", "members"}}; without
"server" when no replica answered (a note on stderr says why; the exit code is still 0).`,
  options: { client: { type: 'boolean' }, output: { type: 'string', short: 'o' } },
  args: [],
  async run(ctx) {
    const format = ctx.values['output'] === undefined ? 'text' : choiceFlag('-o/--output', ctx.values['output'], ['json', 'yaml'] as const, 'json');
    const version = clientVersion();
    let overview: ClusterOverview | undefined;
    if (ctx.values['client'] !== true) {
      try {
        overview = await ctx.client().cluster.status();
      } catch (err) {
        if (!isBerthError(err)) throw err;
        ctx.io.stderr(`Note: no server version: ${err.message}\n`);
      }
    }
    if (format !== 'text') {
      ctx.io.stdout(formatDocument(versionDocument(version, overview), format));
      return 0;
    }
    let out = `Client Version: ${version}\n`;
    const n = overview?.members.length ?? 0;
    if (overview !== undefined) out += `Server: leader ${overview.leader || '(none)'}, term ${overview.term}, ${n} ${n === 1 ? 'member' : 'members'}\n`;
    ctx.io.stdout(out);
    return 0;
  },
};
