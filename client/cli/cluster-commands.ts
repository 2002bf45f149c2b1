// `berth cluster ...`: the control-plane replicas: status, members, and membership changes.
import { choiceFlag } from './args.js';
import type { CommandContext, CommandGroup, LeafCommand } from './command.js';
import { OUTPUT_FORMATS, formatDocument, membersTable, overviewTable, statusTable } from './output.js';
import type { OutputFormat } from './output.js';

const OUTPUT_HELP = '  -o, --output FORMAT  table (default), json or yaml';

function output(ctx: CommandContext): OutputFormat {
  return choiceFlag('-o/--output', ctx.values['output'], OUTPUT_FORMATS, 'table');
}

function arg(ctx: CommandContext, i: number): string {
  return ctx.positionals[i] ?? '';
}

const status: LeafCommand = {
  name: 'status',
  summary: 'Show every member: role, health and how far its log is committed and applied',
  usage: 'cluster status [--replica] [-o json|yaml|table]',
  help: `${OUTPUT_HELP}
  --replica            the detailed Raft view of the first --server address that answers

Asks every member. The table has one row per member: MEMBER ADDRESS ROLE HEALTHY COMMIT APPLIED.
-o json prints {"leader" ("" when none is known), "term", "members": [{"id", "address", "role"
("leader", "follower", "learner", "candidate" or "unknown"), "healthy", "commitIndex",
"appliedIndex"}]}.

With --replica, -o json prints {"clusterId", "id", "leader", "term", "role" ("follower",
"preCandidate", "candidate" or "leader"), "commit", "applied", "lastIndex", "firstIndex",
"revision", "compactedRevision", "voters", "learners", "progress": [{"id", "match", "next",
"state", "learner", "recentActive", "inflight"}] (on the leader only), "leadTransferee"}.`,
  options: { output: { type: 'string', short: 'o' }, replica: { type: 'boolean' } },
  args: [],
  async run(ctx) {
    const format = output(ctx);
    if (ctx.values['replica'] === true) {
      const replica = await ctx.client().cluster.replicaStatus();
      ctx.io.stdout(format === 'table' ? statusTable(replica) : formatDocument(replica, format));
      return 0;
    }
    const st = await ctx.client().cluster.status();
    ctx.io.stdout(format === 'table' ? overviewTable(st) : formatDocument(st, format));
    return 0;
  },
};

const members: LeafCommand = {
  name: 'members',
  summary: 'List the members',
  usage: 'cluster members [-o json|yaml|table]',
  help: `${OUTPUT_HELP}

-o json prints {"leader", "members": [{"id", "address", "role" ("voter" or "learner")}]}.`,
  options: { output: { type: 'string', short: 'o' } },
  args: [],
  async run(ctx) {
    const format = output(ctx);
    const client = ctx.client();
    const [list, st] = await Promise.all([client.cluster.members(), client.cluster.replicaStatus()]);
    ctx.io.stdout(format === 'table' ? membersTable(list, st.leader) : formatDocument({ leader: st.leader, members: list }, format));
    return 0;
  },
};

const add: LeafCommand = {
  name: 'add',
  summary: 'Add a replica (started with --join) as a learner, then a voter',
  usage: 'cluster add ID ADDRESS',
  help: `  ID                   the new replica's id, e.g. r4
  ADDRESS              its host:port

Prints each step as it happens. The new replica must already run: berth server --join ...`,
  options: {},
  args: ['ID', 'ADDRESS'],
  async run(ctx) {
    await ctx.client().cluster.addMember(arg(ctx, 0), arg(ctx, 1), (msg) => ctx.io.stdout(`${msg}\n`));
    return 0;
  },
};

const remove: LeafCommand = {
  name: 'remove',
  summary: 'Remove a replica from the cluster',
  usage: 'cluster remove ID',
  help: '  ID                   the replica to remove',
  options: {},
  args: ['ID'],
  async run(ctx) {
    const id = arg(ctx, 0);
    await ctx.client().cluster.removeMember(id);
    ctx.io.stdout(`${id} removed\n`);
    return 0;
  },
};

const transfer: LeafCommand = {
  name: 'transfer',
  summary: 'Hand leadership to another voter',
  usage: 'cluster transfer ID',
  help: '  ID                   the voter that should lead',
  options: {},
  args: ['ID'],
  async run(ctx) {
    const id = arg(ctx, 0);
    await ctx.client().cluster.transferLeader(id);
    ctx.io.stdout(`${id} is the leader\n`);
    return 0;
  },
};

export const clusterGroup: CommandGroup = {
  name: 'cluster',
  summary: 'Inspect and change the control-plane replicas',
  commands: [status, members, add, remove, transfer],
};
