// `berth describe`: an object in detail, with the events about it (and a Service's endpoints),
// as printers/describe.ts lays it out.
import { isBerthError } from '../index.js';
import type { KindInfo, KubeObject, ObjectApi } from '../index.js';
import type { CliClient, CliIo, CommandContext, LeafCommand } from './command.js';
import { nowOf } from './command.js';
import { KINDS_HELP, NAMESPACE_HELP, fetchNamed, inNamespace, isNotFound, namespaceFlag, parseTargets, withType } from './object-common.js';
import type { TargetGroup } from './object-common.js';
import { describeObject, objectRef } from './printers/index.js';

/** The Events about an object, or undefined (with a warning) when they cannot be listed. */
async function eventsAbout(api: ObjectApi, io: CliIo, kind: KindInfo, obj: KubeObject): Promise<KubeObject[] | undefined> {
  try {
    const list = await api.list('Event', {
      namespace: kind.namespaced ? (obj.metadata.namespace ?? '') : '',
      fieldSelector: `involvedObject.name=${obj.metadata.name ?? ''},involvedObject.kind=${kind.kind}`,
    });
    return list.items;
  } catch (err) {
    if (!isBerthError(err)) throw err;
    io.stderr(`Warning: cannot list the events of ${objectRef(obj)}: ${err.message}\n`);
    return undefined;
  }
}

/** A Service's Endpoints object (same name), if there is one. */
async function endpointsOf(api: ObjectApi, svc: KubeObject): Promise<KubeObject | undefined> {
  try {
    return await api.get('Endpoints', svc.metadata.name ?? '', { namespace: svc.metadata.namespace ?? 'default' });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** The pods on a node that have not finished, or undefined (with a warning) when they cannot be listed. */
async function podsOnNode(api: ObjectApi, io: CliIo, node: KubeObject): Promise<KubeObject[] | undefined> {
  try {
    const list = await api.list('Pod', { fieldSelector: `spec.nodeName=${node.metadata.name ?? ''}` });
    return list.items.filter((p) => !['Succeeded', 'Failed'].includes(String(p.status?.['phase'] ?? '')));
  } catch (err) {
    if (!isBerthError(err)) throw err;
    io.stderr(`Warning: cannot list the pods of ${objectRef(node)}: ${err.message}\n`);
    return undefined;
  }
}

/** A node's usage as the leader last heard it; undefined when unknown or the call fails. */
async function nodeUsage(client: CliClient, node: KubeObject): Promise<{ cpuMillicores: number; memoryBytes: number } | undefined> {
  try {
    return (await client.nodes?.usage())?.nodes.find((n) => n.name === node.metadata.name)?.usage;
  } catch {
    // Usage is a nicety: describe shows the rest without it.
    return undefined;
  }
}

async function describeOne(ctx: CommandContext, api: CliClient, kind: KindInfo, obj: KubeObject): Promise<string> {
  const events = kind.kind === 'Event' ? [] : await eventsAbout(api, ctx.io, kind, obj);
  const endpoints = kind.kind === 'Service' ? await endpointsOf(api, obj) : undefined;
  const pods = kind.kind === 'Node' ? await podsOnNode(api, ctx.io, obj) : undefined;
  const usage = kind.kind === 'Node' ? await nodeUsage(api, obj) : undefined;
  return describeObject({
    object: withType(kind, obj),
    now: nowOf(ctx.io),
    ...(events !== undefined ? { events } : {}),
    ...(endpoints !== undefined ? { endpoints } : {}),
    ...(pods !== undefined ? { pods } : {}),
    ...(usage !== undefined ? { usage } : {}),
  });
}

/** The objects a describe or delete target group stands for: its names, or every one listed. */
async function objectsOf(api: ObjectApi, io: CliIo, g: TargetGroup, namespace: string): Promise<{ objects: KubeObject[]; failed: boolean }> {
  if (g.names.length > 0) {
    const r = await fetchNamed(api, io, g, namespace);
    return { objects: r.fetched.objects, failed: r.failed };
  }
  const list = await api.list(g.kind.kind, inNamespace(g.kind, namespace));
  return { objects: list.items, failed: false };
}

export const describeCommand: LeafCommand = {
  name: 'describe',
  summary: 'Show an object in detail, with the events about it',
  usage: 'describe KIND [NAME...] | KIND/NAME... [-n NS]',
  help: `${NAMESPACE_HELP}

Prints metadata, the kind's own sections (pods: node, status, IP, containers with their state
and restarts, conditions; deployments: replicas, strategy, pod template, conditions; services:
type, selector, ports, endpoints; nodes: roles, taints, conditions, addresses, capacity, system
info, the pods on it and its usage; other kinds: spec and status as YAML) and the Events whose
involvedObject is the object. Without NAME, every object of KIND in the namespace.

${KINDS_HELP}`,
  options: { namespace: { type: 'string', short: 'n' } },
  args: ['KIND', '[NAME...]'],
  async run(ctx) {
    const namespace = namespaceFlag(ctx) ?? 'default';
    const api = ctx.client();
    const pages: string[] = [];
    let failed = false;
    for (const g of parseTargets(ctx.positionals, false)) {
      const r = await objectsOf(api, ctx.io, g, namespace);
      failed ||= r.failed;
      for (const obj of r.objects) pages.push(await describeOne(ctx, api, g.kind, obj));
    }
    ctx.io.stdout(pages.join('\n\n'));
    return failed ? 1 : 0;
  },
};
