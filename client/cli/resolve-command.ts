// `berth resolve SERVICE`: a Service's ready endpoints as service discovery sees them (NATS, or the
// control plane when there is no NATS), the same answer a program gets from
// client.discovery.resolve(). An unknown Service is an error (exit code 1).
import { NotFoundError, endpointSetOf, isBerthError } from '../index.js';
import type { EndpointSet, KubeObject, ObjectApi } from '../index.js';
import { choiceFlag, stringFlag } from './args.js';
import type { CliClient, LeafCommand } from './command.js';
import { NAMESPACE_HELP, namespaceFlag } from './object-common.js';
import { formatDocument, formatTable } from './output.js';
import { RESOLVE_HEADERS, RESOLVE_WIDE_HEADERS, resolveDocument, resolveRow } from './printers/index.js';

const RESOLVE_FORMATS = ['table', 'wide', 'json', 'yaml'] as const;

function notFound(service: string, namespace: string): NotFoundError {
  return new NotFoundError(`service ${JSON.stringify(service)} not found in namespace ${JSON.stringify(namespace)}`);
}

/** The object, or undefined when it does not exist. */
async function getOrNone(api: ObjectApi, kind: string, name: string, namespace: string): Promise<KubeObject | undefined> {
  try {
    return await api.get(kind, name, { namespace });
  } catch (err) {
    if (isBerthError(err, 'NOT_FOUND')) return undefined;
    throw err;
  }
}

/** The Service's set: from discovery when the client has it, else computed from the objects. */
async function endpointSetFor(client: CliClient, service: string, namespace: string): Promise<EndpointSet> {
  if (client.discovery !== undefined) return client.discovery.lookup(service, { namespace });
  const svc = await getOrNone(client, 'Service', service, namespace);
  if (svc === undefined) throw notFound(service, namespace);
  return endpointSetOf(svc, await getOrNone(client, 'Endpoints', service, namespace));
}

export const resolveCommand: LeafCommand = {
  name: 'resolve',
  summary: "Show a Service's ready endpoints, as service discovery sees them",
  usage: 'resolve SERVICE [-n NS] [--port NAME] [-o table|wide|json|yaml]',
  help: `${NAMESPACE_HELP}
  --port NAME                only the endpoints of this port of the Service (its name)
  -o, --output FORMAT        table (default: ADDRESS PORT PORT-NAME POD NODE), wide (adds
                             PROTOCOL), json or yaml

Discovery follows the cluster's NATS when the config file (or $BERTH_NATS) names one, and the
control plane otherwise. A Service that does not exist is an error (exit code 1); one without
ready endpoints prints none (exit code 0).
-o json prints {"service", "namespace", "revision", "endpoints": [{"address", "port",
"portName", "ready", "pod", "node"}]}, revision being the store revision the endpoints reflect.

Examples:
  berth resolve web
  berth resolve db -n prod --port postgres -o json`,
  options: {
    namespace: { type: 'string', short: 'n' },
    port: { type: 'string' },
    output: { type: 'string', short: 'o' },
  },
  args: ['SERVICE'],
  async run(ctx) {
    const format = choiceFlag('-o/--output', ctx.values['output'], RESOLVE_FORMATS, 'table');
    const port = stringFlag('--port', ctx.values['port']);
    const namespace = namespaceFlag(ctx) ?? 'default';
    const service = ctx.positionals[0] as string;
    const set = await endpointSetFor(ctx.client(), service, namespace);
    if (set.deleted === true) throw notFound(service, namespace);
    if (port !== undefined && !set.ports.some((p) => p.name === port)) {
      const names = set.ports.map((p) => JSON.stringify(p.name)).join(', ') || 'none';
      throw new NotFoundError(`service ${JSON.stringify(service)} in namespace ${JSON.stringify(namespace)} has no port named ${JSON.stringify(port)} (its ports: ${names})`);
    }
    const ready = set.endpoints.filter((e) => e.ready && (port === undefined || e.portName === port));
    if (format === 'json' || format === 'yaml') {
      ctx.io.stdout(formatDocument(resolveDocument(set, ready), format));
      return 0;
    }
    if (ready.length === 0) {
      ctx.io.stderr(`No ready endpoints for service ${JSON.stringify(service)} in namespace ${JSON.stringify(namespace)}.\n`);
      return 0;
    }
    const wide = format === 'wide';
    const headers = wide ? [...RESOLVE_HEADERS, ...RESOLVE_WIDE_HEADERS] : [...RESOLVE_HEADERS];
    ctx.io.stdout(formatTable(headers, ready.map((e) => resolveRow(e, wide))));
    return 0;
  },
};
