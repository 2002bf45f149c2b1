// Proves `berth resolve` through runCli with an in-memory client behind the declared `connect`
// seam: its table (-o wide), its stable -o json and -o yaml shape, --port, exit code 1 with a clear
// message for an unknown Service or port, and the same answers whether the client has discovery
// or the command computes the set from the Service and its Endpoints. Also the kubectl-style cells
// of `get svc` (TYPE, PORT(S) with nodePort) and `get endpoints` ("+ N more...").
import { describe, expect, it } from 'vitest';
import { runCli } from '../../client/cli/main.js';
import type { CliClient, CliIo } from '../../client/cli/main.js';
import { endpointsCell, servicePorts } from '../../client/cli/printers/index.js';
import { NotFoundError, endpointSetOf, resolveKind } from '../../client/index.js';
import type { EndpointSet, KubeObject, ObjectApi } from '../../client/index.js';

const SERVICE: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', resourceVersion: '40' },
  spec: { type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 30080, protocol: 'TCP' }, { name: 'admin', port: 81, protocol: 'TCP' }] },
};

const address = (pod: string): Record<string, unknown> => ({ ip: '127.0.0.1', nodeName: 'n1', targetRef: { kind: 'Pod', name: pod } });

const ENDPOINTS: KubeObject = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'web', namespace: 'default', resourceVersion: '42' },
  subsets: [
    { addresses: [address('web-1')], ports: [{ name: 'http', port: 30101 }, { name: 'admin', port: 30201 }] },
    { addresses: [address('web-2')], ports: [{ name: 'http', port: 30102 }, { name: 'admin', port: 30202 }] },
    { notReadyAddresses: [address('web-3')], ports: [{ name: 'http', port: 30103 }, { name: 'admin', port: 30203 }] },
  ],
};

/** The object calls `resolve` may make (get); the others are not expected. */
function objectApi(objects: readonly KubeObject[]): ObjectApi {
  const unused = (): never => {
    throw new Error('not used by resolve');
  };
  return {
    get: async <T extends KubeObject>(kind: string, name: string, options?: { namespace?: string }): Promise<T> => {
      const k = resolveKind(kind).kind;
      const found = objects.find((o) => o.kind === k && o.metadata.name === name && o.metadata.namespace === (options?.namespace ?? 'default'));
      if (found === undefined) throw new NotFoundError(`${k.toLowerCase()} "${name}" not found`);
      return found as T;
    },
    create: unused,
    list: unused,
    update: unused,
    updateStatus: unused,
    apply: unused,
    patch: unused,
    delete: unused,
    watch: unused,
    informer: unused,
  };
}

function client(objects: readonly KubeObject[], withDiscovery: boolean): CliClient {
  const api = objectApi(objects);
  const discovery = {
    lookup: async (service: string, options: { namespace?: string } = {}): Promise<EndpointSet> => {
      const svc = await api.get('Service', service, options).catch(() => undefined);
      if (svc === undefined) throw new NotFoundError(`service ${JSON.stringify(service)} not found in namespace ${JSON.stringify(options.namespace ?? 'default')}`);
      return endpointSetOf(svc, await api.get('Endpoints', service, options).catch(() => undefined));
    },
  };
  const kv = { range: api.list, put: api.list, delete: api.list, watch: api.watch } as unknown as CliClient['kv'];
  const cluster = {} as CliClient['cluster'];
  return { ...api, kv, cluster, close: () => undefined, ...(withDiscovery ? { discovery } : {}) };
}

async function run(argv: string[], c: CliClient): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (d) => void (out += typeof d === 'string' ? d : Buffer.from(d).toString()),
    stderr: (t) => void (err += t),
    env: {},
    onInterrupt: () => () => undefined,
  };
  const code = await runCli(argv, {}, io, { connect: () => c });
  return { code, out, err };
}

describe.each([true, false])('berth resolve (client with discovery: %s)', (withDiscovery) => {
  const objects = [SERVICE, ENDPOINTS];

  it('prints the ready endpoints as a table, and -o wide adds the protocol', async () => {
    const r = await run(['resolve', 'web'], client(objects, withDiscovery));
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'ADDRESS    PORT   PORT-NAME  POD    NODE',
        '127.0.0.1  30201  admin      web-1  n1',
        '127.0.0.1  30202  admin      web-2  n1',
        '127.0.0.1  30101  http       web-1  n1',
        '127.0.0.1  30102  http       web-2  n1',
        '',
      ].join('\n'),
    );
    const wide = await run(['resolve', 'web', '--port', 'http', '-o', 'wide'], client(objects, withDiscovery));
    expect(wide.out.split('\n')[0]).toBe('ADDRESS    PORT   PORT-NAME  POD    NODE  PROTOCOL');
    expect(wide.out.split('\n')[1]).toBe('127.0.0.1  30101  http       web-1  n1    TCP');
  });

  it('prints exactly {service, namespace, revision, endpoints} with -o json, and the same in yaml', async () => {
    const r = await run(['resolve', 'web', '-n', 'default', '--port', 'http', '-o', 'json'], client(objects, withDiscovery));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      service: 'web',
      namespace: 'default',
      revision: 42,
      endpoints: [
        { address: '127.0.0.1', port: 30101, portName: 'http', ready: true, pod: 'web-1', node: 'n1' },
        { address: '127.0.0.1', port: 30102, portName: 'http', ready: true, pod: 'web-2', node: 'n1' },
      ],
    });
    const yaml = await run(['resolve', 'web', '--port', 'admin', '-o', 'yaml'], client(objects, withDiscovery));
    expect(yaml.out).toMatch(/^service: web\nnamespace: default\nrevision: 42\nendpoints:\n {2}- address: 127\.0\.0\.1\n {4}port: 30201\n/);
  });

  it('exits 1 naming an unknown Service or port, and 0 with a note for a Service without ready endpoints', async () => {
    const unknown = await run(['resolve', 'api', '-n', 'prod'], client(objects, withDiscovery));
    expect(unknown).toEqual({ code: 1, out: '', err: 'error: service "api" not found in namespace "prod"\n' });
    const port = await run(['resolve', 'web', '--port', 'grpc'], client(objects, withDiscovery));
    expect(port.code).toBe(1);
    expect(port.err).toBe('error: service "web" in namespace "default" has no port named "grpc" (its ports: "http", "admin")\n');
    const empty = await run(['resolve', 'web'], client([SERVICE], withDiscovery));
    expect(empty).toEqual({ code: 0, out: '', err: 'No ready endpoints for service "web" in namespace "default".\n' });
    const json = await run(['resolve', 'web', '-o', 'json'], client([SERVICE], withDiscovery));
    expect(JSON.parse(json.out)).toEqual({ service: 'web', namespace: 'default', revision: 40, endpoints: [] });
  });
});

describe('berth resolve usage', () => {
  it('needs a SERVICE and a known -o (exit 2)', async () => {
    expect((await run(['resolve'], client([], true))).code).toBe(2);
    const bad = await run(['resolve', 'web', '-o', 'name'], client([], true));
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('error: -o/--output: must be one of table, wide, json, yaml (got "name")\n');
  });
});

describe('service and endpoints cells', () => {
  it('writes PORT(S) with the nodePort and ENDPOINTS with "+ N more..." like kubectl', () => {
    expect(servicePorts(SERVICE)).toBe('80:30080/TCP,81/TCP');
    const many: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web' },
      subsets: [30101, 30102, 30103, 30104, 30105].map((port, i) => ({ addresses: [address(`w${i}`)], ports: [{ port }] })),
    };
    expect(endpointsCell(many)).toBe('127.0.0.1:30101,127.0.0.1:30102,127.0.0.1:30103 + 2 more...');
    expect(endpointsCell({ subsets: [] })).toBe('<none>');
  });
});
