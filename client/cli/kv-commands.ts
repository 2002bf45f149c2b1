// `berth kv ...`: get, put, del and watch keys of the store.
import { BerthError } from '../index.js';
import type { WatchEvent } from '../index.js';
import { choiceFlag, intFlag } from './args.js';
import type { CommandContext, CommandGroup, LeafCommand } from './command.js';
import { OUTPUT_FORMATS, eventJson, eventLine, formatDocument, kvJson, kvTable } from './output.js';
import type { OutputFormat } from './output.js';

const OUTPUT_HELP = '  -o, --output FORMAT  table (default), json or yaml';

function output(ctx: CommandContext): OutputFormat {
  return choiceFlag('-o/--output', ctx.values['output'], OUTPUT_FORMATS, 'table');
}

function arg(ctx: CommandContext, i: number): string {
  return ctx.positionals[i] ?? '';
}

const get: LeafCommand = {
  name: 'get',
  summary: 'Print a key, or every key with a prefix',
  usage: 'kv get KEY [--prefix] [--rev N] [--limit N] [--serializable] [-o json|yaml|table|value]',
  help: `  --prefix             every key that starts with KEY
  --rev N              read at revision N (still in history)
  --limit N            at most N keys
  --serializable       read from the replica that answers, without asking the leader (may be stale)
  -o, --output FORMAT  table (default), json, yaml, or value (the raw value of one key)

A missing key (without --prefix) is an error (exit code 1).
-o json prints {"revision", "count", "more", "kvs": [{"key", "value", "valueEncoding"
("utf8" or "base64"), "createRevision", "modRevision", "version"}]}.`,
  options: {
    prefix: { type: 'boolean' },
    rev: { type: 'string' },
    limit: { type: 'string' },
    serializable: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  },
  args: ['KEY'],
  async run(ctx) {
    const key = arg(ctx, 0);
    const prefix = ctx.values['prefix'] === true;
    const format = choiceFlag('-o/--output', ctx.values['output'], [...OUTPUT_FORMATS, 'value'] as const, 'table');
    const revision = intFlag('rev', ctx.values['rev'], 1);
    const limit = intFlag('limit', ctx.values['limit'], 1);
    const res = await ctx.client().kv.range(key, {
      prefix,
      ...(revision !== undefined ? { revision } : {}),
      ...(limit !== undefined ? { limit } : {}),
      serializable: ctx.values['serializable'] === true,
    });
    if (!prefix && res.kvs.length === 0) throw new BerthError('NOT_FOUND', `key ${JSON.stringify(key)} not found`);
    if (format === 'value') {
      for (const kv of res.kvs) ctx.io.stdout(kv.value);
    } else if (format === 'table') {
      if (res.kvs.length > 0) ctx.io.stdout(kvTable(res.kvs));
      if (res.more) ctx.io.stderr(`(${res.count - res.kvs.length} more keys; use --limit or -o json to page)\n`);
    } else {
      ctx.io.stdout(formatDocument({ revision: res.revision, count: res.count, more: res.more, kvs: res.kvs.map(kvJson) }, format));
    }
    return 0;
  },
};

const put: LeafCommand = {
  name: 'put',
  summary: 'Write a value under a key',
  usage: 'kv put KEY VALUE [-o json|yaml|table]',
  help: `${OUTPUT_HELP}

VALUE is stored as its UTF-8 bytes. -o json prints {"revision"}.`,
  options: { output: { type: 'string', short: 'o' } },
  args: ['KEY', 'VALUE'],
  async run(ctx) {
    const format = output(ctx);
    const res = await ctx.client().kv.put(arg(ctx, 0), arg(ctx, 1));
    ctx.io.stdout(format === 'table' ? `OK (revision ${res.revision})\n` : formatDocument({ revision: res.revision }, format));
    return 0;
  },
};

const del: LeafCommand = {
  name: 'del',
  summary: 'Delete a key, or every key with a prefix',
  usage: 'kv del KEY [--prefix] [-o json|yaml|table]',
  help: `  --prefix             every key that starts with KEY
${OUTPUT_HELP}

-o json prints {"revision", "deleted"}.`,
  options: { prefix: { type: 'boolean' }, output: { type: 'string', short: 'o' } },
  args: ['KEY'],
  async run(ctx) {
    const format = output(ctx);
    const res = await ctx.client().kv.delete(arg(ctx, 0), { prefix: ctx.values['prefix'] === true });
    const doc = { revision: res.revision, deleted: res.deleted };
    ctx.io.stdout(format === 'table' ? `deleted ${res.deleted} (revision ${res.revision})\n` : formatDocument(doc, format));
    return 0;
  },
};

const watch: LeafCommand = {
  name: 'watch',
  summary: 'Print changes to a key or prefix as they happen, until Ctrl-C',
  usage: 'kv watch KEY [--prefix] [--rev N] [--prev-kv] [-o json|table]',
  help: `  --prefix             every key that starts with KEY
  --rev N              start with the changes at revision N (replayed from history)
  --prev-kv            include each key's previous value (in -o json)
  -o, --output FORMAT  table (default: one line per change) or json (one object per line)

-o json prints one line per change: {"type" ("put" or "delete"), "revision", "key", "value",
"valueEncoding", "createRevision", "modRevision", "version", "prevKv"?}.`,
  options: {
    prefix: { type: 'boolean' },
    rev: { type: 'string' },
    'prev-kv': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  },
  args: ['KEY'],
  async run(ctx) {
    const format = choiceFlag('-o/--output', ctx.values['output'], ['table', 'json'] as const, 'table');
    const fromRevision = intFlag('rev', ctx.values['rev'], 1);
    const stream = ctx.client().kv.watch(arg(ctx, 0), {
      prefix: ctx.values['prefix'] === true,
      prevKv: ctx.values['prev-kv'] === true,
      ...(fromRevision !== undefined ? { fromRevision } : {}),
    });
    const stop = ctx.io.onInterrupt(() => stream.cancel());
    try {
      const print = (e: WatchEvent): string => (format === 'json' ? `${JSON.stringify(eventJson(e))}\n` : eventLine(e));
      for await (const events of stream) ctx.io.stdout(events.map(print).join(''));
    } finally {
      stop();
    }
    return 0;
  },
};

export const kvGroup: CommandGroup = {
  name: 'kv',
  summary: 'Read, write and watch keys of the store',
  commands: [get, put, del, watch],
};
