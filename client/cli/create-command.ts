// `berth create`: the group of verbs that create an object from arguments; for now only
// `create namespace NAME`.
import type { KubeObject, ObjectApi } from '../index.js';
import type { CommandGroup, LeafCommand } from './command.js';
import { writeFormat } from './object-common.js';
import { formatDocument } from './output.js';
import { objectRef } from './printers/index.js';

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
