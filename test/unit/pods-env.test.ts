// Proves that a container's environment resolves as the kubelet resolves it ($(VAR) expansion with
// $$ escapes, ConfigMap and Secret references, envFrom prefixes, the downward API's fieldRef and
// resourceFieldRef, optional versus required references) plus berth's own variables and argv.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { DEFAULT_PATH, berthEnv, containerArgv, containerLimits, expand, parseQuantity, resolveEnv } from '../../node/pods/env.js';
import type { ContainerSpec, EnvContext, SourceKind } from '../../node/pods/env.js';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', uid: 'u-1', labels: { app: 'web' }, annotations: { 'team.io/owner': 'ana' } },
  spec: { containers: [] },
};

const objects = new Map<string, KubeObject>([
  ['ConfigMap/cfg', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { mode: 'fast', 'bad key': 'x', '1x': 'y', LEVEL: 'debug' }, binaryData: { blob: 'AAE=' } }],
  ['Secret/creds', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, data: { password: Buffer.from('s3cret').toString('base64') } }],
]);

function ctx(container: ContainerSpec, base: Record<string, string> = {}): EnvContext {
  return {
    pod,
    container,
    containers: [container],
    nodeName: 'n1',
    nodeAddress: '10.0.0.5',
    nodeAllocatable: { cpuCores: 8, memoryBytes: 16 * 2 ** 30 },
    base,
    lookup: (kind: SourceKind, name: string) => Promise.resolve(objects.get(`${kind}/${name}`)),
  };
}

describe('expand', () => {
  const vars: Record<string, string> = { A: 'one', B: 'two' };
  it.each([
    ['$(A)-$(B)', 'one-two'],
    ['$$(A)', '$(A)'],
    ['$$$(A)', '$one'],
    ['$(MISSING)', '$(MISSING)'],
    ['$(A', '$(A'],
    ['cost $5', 'cost $5'],
    ['end$', 'end$'],
    ['$()', '$()'],
  ])('%s -> %s', (input, want) => {
    expect(expand(input, (n) => vars[n])).toBe(want);
  });
});

describe('resolveEnv', () => {
  it('expands earlier variables, keeps unknown references, and escapes $$', async () => {
    const r = await resolveEnv(
      ctx({ env: [{ name: 'A', value: 'x' }, { name: 'B', value: '$(A)-$(C)-$$(A)' }, { name: 'C', value: 'late' }, { name: 'URL', value: 'http://$(BERTH_POD_IP):$(PORT)' }] }, { BERTH_POD_IP: '10.0.0.5', PORT: '8080' }),
    );
    expect(r).toMatchObject({ ok: true, env: { A: 'x', B: 'x-$(C)-$(A)', C: 'late', URL: 'http://10.0.0.5:8080', PATH: DEFAULT_PATH } });
  });

  it('reads configMapKeyRef and secretKeyRef (base64-decoded)', async () => {
    const r = await resolveEnv(ctx({ env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } }, { name: 'PW', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } }] }));
    expect(r).toMatchObject({ ok: true, env: { MODE: 'fast', PW: 's3cret' } });
  });

  it('envFrom adds every valid key with its prefix; later env entries win', async () => {
    const r = await resolveEnv(ctx({ envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }, { secretRef: { name: 'creds' } }], env: [{ name: 'CFG_LEVEL', value: 'info' }] }));
    if (!r.ok) throw new Error(r.message);
    expect(r.env).toMatchObject({ CFG_mode: 'fast', CFG_LEVEL: 'info', CFG_1x: 'y', password: 's3cret' });
    expect(r.env['CFG_bad key']).toBeUndefined();
    expect(r.env.CFG_blob).toBeUndefined();
  });

  it('skips a key that would be an invalid name without a prefix', async () => {
    const r = await resolveEnv(ctx({ envFrom: [{ configMapRef: { name: 'cfg' } }] }));
    if (!r.ok) throw new Error(r.message);
    expect(r.env['1x']).toBeUndefined();
    expect(r.env.mode).toBe('fast');
  });

  it('resolves fieldRef paths of the downward API', async () => {
    const paths = ['metadata.name', 'metadata.namespace', 'metadata.uid', "metadata.labels['app']", "metadata.annotations['team.io/owner']", 'spec.nodeName', 'status.hostIP', 'status.podIP'];
    const r = await resolveEnv(ctx({ env: paths.map((p, i) => ({ name: `F${i}`, valueFrom: { fieldRef: { fieldPath: p } } })) }));
    if (!r.ok) throw new Error(r.message);
    expect(paths.map((_, i) => r.env[`F${i}`])).toEqual(['web-1', 'shop', 'u-1', 'web', 'ana', 'n1', '10.0.0.5', '10.0.0.5']);
  });

  it('resolves resourceFieldRef: cpu in cores rounded up, memory in bytes, divisors, node allocatable for unset limits', async () => {
    const c: ContainerSpec = {
      resources: { limits: { cpu: '250m', memory: '128Mi' }, requests: { memory: '64Mi' } },
      env: [
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        { name: 'CPU_M', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
        { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '1Mi' } } },
        { name: 'REQ_CPU', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
      ],
    };
    const r = await resolveEnv(ctx(c));
    expect(r).toMatchObject({ ok: true, env: { CPU: '1', CPU_M: '250', MEM: String(128 * 2 ** 20), MEM_MI: '64', REQ_CPU: '250' } });
    const bare = await resolveEnv(ctx({ env: [{ name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }] }));
    expect(bare).toMatchObject({ ok: true, env: { CPU: '8' } });
  });

  it('fails naming the variable when a required reference cannot be resolved', async () => {
    await expect(resolveEnv(ctx({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] }))).resolves.toEqual({ ok: false, message: 'env var "X": configmap "nope" not found' });
    await expect(resolveEnv(ctx({ env: [{ name: 'Y', valueFrom: { secretKeyRef: { name: 'creds', key: 'user' } } }] }))).resolves.toEqual({ ok: false, message: 'env var "Y": key "user" not found in secret "creds"' });
    await expect(resolveEnv(ctx({ envFrom: [{ secretRef: { name: 'gone' } }] }))).resolves.toEqual({ ok: false, message: 'envFrom: secret "gone" not found' });
    const bad = await resolveEnv(ctx({ env: [{ name: 'Z', valueFrom: { fieldRef: { fieldPath: 'spec.bogus' } } }] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('"Z"');
  });

  it('tolerates missing optional references', async () => {
    const r = await resolveEnv(
      ctx({
        envFrom: [{ configMapRef: { name: 'nope', optional: true } }],
        env: [
          { name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k', optional: true } } },
          { name: 'Y', valueFrom: { secretKeyRef: { name: 'creds', key: 'user', optional: true } } },
        ],
      }),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.env.X).toBeUndefined();
    expect(r.env.Y).toBeUndefined();
  });

  it('keeps a PATH the spec sets', async () => {
    const r = await resolveEnv(ctx({ env: [{ name: 'PATH', value: '/opt/bin' }] }));
    expect(r).toMatchObject({ ok: true, env: { PATH: '/opt/bin' } });
  });
});

describe("berth's variables and argv", () => {
  it('defines the pod, node, port and volume variables', () => {
    const env = berthEnv({
      pod,
      nodeName: 'n1',
      nodeAddress: '10.0.0.5',
      ports: [
        { name: 'http', containerPort: 41000, protocol: 'TCP' },
        { name: 'admin-api', containerPort: 9000, protocol: 'TCP' },
      ],
      volumes: new Map([['my-data.1', '/var/lib/berth/pods/u-1/volumes/my-data.1']]),
    });
    expect(env).toEqual({
      HOSTNAME: 'web-1',
      BERTH_POD_NAME: 'web-1',
      BERTH_POD_NAMESPACE: 'shop',
      BERTH_POD_UID: 'u-1',
      BERTH_NODE_NAME: 'n1',
      BERTH_POD_IP: '10.0.0.5',
      BERTH_VOLUME_MY_DATA_1: '/var/lib/berth/pods/u-1/volumes/my-data.1',
      PORT: '41000',
      BERTH_PORT_HTTP: '41000',
      BERTH_PORT_ADMIN_API: '9000',
    });
  });

  it('expands command and args from the environment', () => {
    expect(containerArgv({ command: ['serve'], args: ['--port=$(PORT)', '$$(PORT)', '$(NOPE)'] }, { PORT: '8080' })).toEqual(['serve', '--port=8080', '$(PORT)', '$(NOPE)']);
  });
});

describe('quantities', () => {
  it.each([
    ['128Mi', 128 * 2 ** 20],
    ['1G', 1e9],
    ['500m', 0.5],
    ['0.5', 0.5],
    ['1e3', 1000],
    [2, 2],
    ['1.5Gi', 1.5 * 2 ** 30],
  ])('%s', (q, want) => {
    expect(parseQuantity(q)).toBe(want);
  });

  it('refuses malformed text', () => {
    for (const q of ['', 'abc', '1.2.3', '5 Mi', 'Mi', '1x']) expect(parseQuantity(q)).toBeUndefined();
  });

  it('turns limits into the runtime limits', () => {
    expect(containerLimits({ resources: { limits: { cpu: '500m', memory: '64Mi' } } })).toEqual({ cpuLimitMillicores: 500, memoryLimitBytes: 64 * 2 ** 20 });
    expect(containerLimits({ resources: { limits: { cpu: 0.25 } } })).toEqual({ cpuLimitMillicores: 250 });
    expect(containerLimits({})).toEqual({});
  });
});
