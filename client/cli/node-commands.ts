// The node verbs, kubectl's way: `cordon` and `uncordon` (whether new pods may be placed on a
// node), `drain` (cordon, then move every pod off it) and `top` (what nodes and pods use now, as
// the leader last heard from the agents).
import { BerthError } from '../index.js';
import type { ClusterUsage, DrainOptions, DrainProgress, KubeObject, NodeUsage, ObjectApi, PodUsage } from '../index.js';
import { UsageError, choiceFlag, intFlag, stringFlag } from './args.js';
import type { CliIo, CliNodeApi, CommandContext, LeafCommand } from './command.js';
import { namespaceFlag } from './object-common.js';
import { formatDocument, formatTable } from './output.js';
import { parseDuration } from './printers/age.js';
import { formatMebibytes, formatMillicores, parseQuantity, percentOf } from './printers/quantity.js';

/** The SDK's node calls of a run's client. */
export function nodeCalls(ctx: CommandContext): CliNodeApi {
  const nodes = ctx.client().nodes;
  if (nodes === undefined) throw new BerthError('INTERNAL', 'this client has no node calls (logs, exec, top, cordon, drain)');
  return nodes;
}

/** NAME or node/NAME. */
function nodeArg(arg: string | undefined): string {
  const name = (arg ?? '').replace(/^(node|nodes|no)\//, '');
  if (name === '' || name.includes('/')) throw new UsageError(`${JSON.stringify(arg ?? '')}: give a node name (NAME or node/NAME)`);
  return name;
}

/** A duration flag in ms, e.g. --timeout 5m; must be above 0. */
export function durationFlag(name: string, value: unknown): number | undefined {
  const text = stringFlag(`--${name}`, value as string | undefined);
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new UsageError(`--${name}: must be a duration above 0 such as 90s, 5m or 1h (got ${JSON.stringify(text)})`);
  return ms;
}

/** Sets spec.unschedulable unless it is set already, and prints kubectl's line about it. */
async function setCordon(ctx: CommandContext, api: ObjectApi, nodes: CliNodeApi, name: string, cordon: boolean): Promise<void> {
  const node = await api.get('Node', name);
  const verb = cordon ? 'cordoned' : 'uncordoned';
  if ((node.spec?.['unschedulable'] === true) === cordon) {
    ctx.io.stdout(`node/${name} already ${verb}\n`);
    return;
  }
  await (cordon ? nodes.cordon(name) : nodes.uncordon(name));
  ctx.io.stdout(`node/${name} ${verb}\n`);
}

function cordonVerb(cordon: boolean): LeafCommand {
  const name = cordon ? 'cordon' : 'uncordon';
  return {
    name,
    summary: cordon ? 'Mark a node unschedulable: no new pods are placed on it' : 'Mark a node schedulable again',
    usage: `${name} NODE`,
    help: `Prints "node/NODE ${name}ed", or "node/NODE already ${name}ed" when it was.`,
    options: {},
    args: ['NODE'],
    async run(ctx) {
      const node = nodeArg(ctx.positionals[0]);
      await setCordon(ctx, ctx.client(), nodeCalls(ctx), node, cordon);
      return 0;
    },
  };
}

export const cordonCommand = cordonVerb(true);
export const uncordonCommand = cordonVerb(false);

function drainFlags(ctx: CommandContext): DrainOptions {
  const grace = intFlag('grace-period', ctx.values['grace-period'], 0);
  const timeoutMs = durationFlag('timeout', ctx.values['timeout']);
  const podSelector = stringFlag('--pod-selector', ctx.values['pod-selector']);
  return {
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(podSelector !== undefined ? { podSelector } : {}),
    ignoreDaemonSets: ctx.values['ignore-daemonsets'] === true,
    deleteEmptyDirData: ctx.values['delete-emptydir-data'] === true,
    force: ctx.values['force'] === true,
  };
}

/** kubectl drain's lines for each step of a pod. */
function printProgress(io: CliIo, p: DrainProgress): void {
  const ref = `${p.namespace}/${p.pod}`;
  if (p.phase === 'skipped') io.stderr(`Warning: ${p.reason ?? 'skipped'}: ${ref}\n`);
  else if (p.phase === 'evicting') {
    if (p.reason !== undefined) io.stderr(`Warning: ${p.reason}: ${ref}\n`);
    io.stdout(`evicting pod ${ref}\n`);
  } else if (p.phase === 'waiting') io.stdout(`evicting pod ${ref} (already terminating)\n`);
  else io.stdout(`pod/${p.pod} evicted\n`);
}

export const drainCommand: LeafCommand = {
  name: 'drain',
  summary: 'Cordon a node, then delete its pods and wait until they are gone',
  usage: 'drain NODE [--grace-period N] [--ignore-daemonsets] [--delete-emptydir-data] [--force] [--timeout 5m] [--pod-selector SEL]',
  help: `  --grace-period N           seconds each pod gets to stop (default: the pod's own)
  --ignore-daemonsets        leave DaemonSet-managed pods alone (else drain refuses)
  --delete-emptydir-data     delete pods with emptyDir volumes, losing that data (else drain refuses)
  --force                    delete pods that no controller manages: they are not recreated
                             (else drain refuses)
  --timeout DURATION         how long to wait for the pods to be gone (default 5m)
  --pod-selector SEL         only the pods with these labels

Prints "node/NODE cordoned", "evicting pod NS/POD" and "pod/POD evicted" for each pod, and
"node/NODE drained" at the end. When drain refuses, it names the pods and the flag that would
let them go, deletes nothing, and leaves the node cordoned (berth uncordon NODE undoes that).`,
  options: {
    'grace-period': { type: 'string' },
    'ignore-daemonsets': { type: 'boolean' },
    'delete-emptydir-data': { type: 'boolean' },
    force: { type: 'boolean' },
    timeout: { type: 'string' },
    'pod-selector': { type: 'string' },
  },
  args: ['NODE'],
  async run(ctx) {
    const node = nodeArg(ctx.positionals[0]);
    const options = drainFlags(ctx);
    const nodes = nodeCalls(ctx);
    await setCordon(ctx, ctx.client(), nodes, node, true);
    const abort = new AbortController();
    const stop = ctx.io.onInterrupt(() => abort.abort());
    try {
      await nodes.drain(node, { ...options, signal: abort.signal, onProgress: (p) => printProgress(ctx.io, p) });
    } finally {
      stop();
    }
    ctx.io.stdout(`node/${node} drained\n`);
    return 0;
  },
};

// ---- top ---------------------------------------------------------------------------------------

const UNKNOWN = '<unknown>';

interface NodeRow {
  name: string;
  cpuMillicores?: number;
  cpuPercent?: number;
  memoryBytes?: number;
  memoryPercent?: number;
  lastHeartbeatTime?: string;
}

/** One row per node (Node objects and nodes the leader reports, by name), usage as a share of allocatable. */
export function nodeRows(nodes: readonly KubeObject[], usage: readonly NodeUsage[]): NodeRow[] {
  const byName = new Map(nodes.map((n) => [n.metadata.name ?? '', n]));
  const names = [...new Set([...byName.keys(), ...usage.map((u) => u.name)])].sort();
  return names.map((name) => {
    const u = usage.find((x) => x.name === name);
    if (u === undefined) return { name };
    const allocatable = byName.get(name)?.status?.['allocatable'] as Record<string, unknown> | undefined;
    const cores = parseQuantity(allocatable?.['cpu']);
    const cpuPercent = percentOf(u.usage.cpuMillicores, cores === undefined ? undefined : cores * 1000);
    const memoryPercent = percentOf(u.usage.memoryBytes, parseQuantity(allocatable?.['memory']));
    return {
      name,
      cpuMillicores: u.usage.cpuMillicores,
      ...(cpuPercent !== undefined ? { cpuPercent } : {}),
      memoryBytes: u.usage.memoryBytes,
      ...(memoryPercent !== undefined ? { memoryPercent } : {}),
      lastHeartbeatTime: u.lastHeartbeatTime,
    };
  });
}

function nodeTable(rows: readonly NodeRow[]): string {
  const pct = (p: number | undefined): string => (p === undefined ? UNKNOWN : `${p}%`);
  return formatTable(
    ['NAME', 'CPU(cores)', 'CPU%', 'MEMORY(bytes)', 'MEMORY%'],
    rows.map((r) =>
      r.cpuMillicores === undefined || r.memoryBytes === undefined
        ? [r.name, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN]
        : [r.name, formatMillicores(r.cpuMillicores), pct(r.cpuPercent), formatMebibytes(r.memoryBytes), pct(r.memoryPercent)],
    ),
  );
}

function podTable(pods: readonly PodUsage[], withNamespace: boolean): string {
  return formatTable(
    [...(withNamespace ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'],
    pods.map((p) => [...(withNamespace ? [p.namespace] : []), p.name, formatMillicores(p.usage.cpuMillicores), formatMebibytes(p.usage.memoryBytes)]),
  );
}

function topKind(arg: string | undefined): 'nodes' | 'pods' {
  const k = (arg ?? '').toLowerCase();
  if (['nodes', 'node', 'no'].includes(k)) return 'nodes';
  if (['pods', 'pod', 'po'].includes(k)) return 'pods';
  throw new UsageError(`top: "nodes" or "pods" (got ${JSON.stringify(arg ?? '')})`);
}

async function topNodes(ctx: CommandContext, usage: ClusterUsage, name: string | undefined, json: boolean): Promise<number> {
  const nodes = (await ctx.client().list('Node')).items;
  const rows = nodeRows(nodes, usage.nodes).filter((r) => name === undefined || r.name === name);
  if (name !== undefined && rows.length === 0) throw new BerthError('NOT_FOUND', `nodes "${name}" not found`);
  if (json) ctx.io.stdout(formatDocument({ nodes: rows }, 'json'));
  else if (rows.length > 0) ctx.io.stdout(nodeTable(rows));
  else ctx.io.stderr('No resources found\n');
  return 0;
}

function topPods(ctx: CommandContext, usage: ClusterUsage, name: string | undefined, namespace: string | undefined, json: boolean): number {
  const pods = usage.pods
    .filter((p) => (namespace === undefined || p.namespace === namespace) && (name === undefined || p.name === name))
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  if (name !== undefined && pods.length === 0) throw new BerthError('NOT_FOUND', `no usage of pod ${namespace ?? ''}/${name} is known (is it running?)`);
  if (json) ctx.io.stdout(formatDocument({ pods }, 'json'));
  else if (pods.length > 0) ctx.io.stdout(podTable(pods, namespace === undefined));
  else ctx.io.stderr(namespace !== undefined ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n');
  return 0;
}

export const topCommand: LeafCommand = {
  name: 'top',
  summary: 'Show the CPU and memory that nodes or pods use now',
  usage: 'top nodes|pods [NAME] [-n NS | -A] [-o table|json]',
  help: `  -n, --namespace NS         pods of this namespace (default: "default")
  -A, --all-namespaces       pods of every namespace (the table gets a NAMESPACE column)
  -o, --output FORMAT        table (default) or json

Usage is what each node's agent last reported to the leader. CPU% and MEMORY% of a node are
shares of its allocatable resources. A node that has not reported shows <unknown>.
-o json prints {"nodes": [{"name", "cpuMillicores", "cpuPercent", "memoryBytes",
"memoryPercent", "lastHeartbeatTime"}]} or {"pods": [{"namespace", "name", "uid", "node",
"usage": {"cpuMillicores", "memoryBytes"}, "containers": [{"name", "usage"}]}]}.`,
  options: {
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    output: { type: 'string', short: 'o' },
  },
  args: ['KIND', '[NAME]'],
  async run(ctx) {
    const kind = topKind(ctx.positionals[0]);
    const json = choiceFlag('-o/--output', ctx.values['output'], ['table', 'json'] as const, 'table') === 'json';
    const all = ctx.values['all-namespaces'] === true;
    const ns = namespaceFlag(ctx);
    if (all && ns !== undefined) throw new UsageError('-n/--namespace and -A/--all-namespaces cannot be given together');
    const name = ctx.positionals[1];
    if (kind === 'nodes') return topNodes(ctx, await nodeCalls(ctx).usage(), name, json);
    const namespace = all ? undefined : (ns ?? 'default');
    const usage = await nodeCalls(ctx).usage(namespace !== undefined ? { namespace } : {});
    return topPods(ctx, usage, name, namespace, json);
  },
};

/** The node verbs, each a top-level command. */
export const nodeCommands: readonly LeafCommand[] = [cordonCommand, uncordonCommand, drainCommand, topCommand];
