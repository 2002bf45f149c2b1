// Proves that no input through the object API crashes a replica or corrupts the store: random
// objects (of every kind, and valid ones with random subtrees replaced), random merge patches,
// and random list and watch parameters, sent to a real 3-replica cluster, each either succeed or
// fail with a typed BerthError of a caller's-fault code (never INTERNAL, UNAVAILABLE or a bare
// Error); an object too big to store is refused and nothing is written; an error about a huge
// or odd input (a 300,000-character selector, a field named with a lone surrogate) still reaches
// the client as INVALID_ARGUMENT; and afterwards every replica still runs, a leader leads,
// objects the fuzzing never addressed are exactly as they were, and every replica lists every
// kind from its own store, all replicas alike.
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS, connect, isBerthError } from '../../client/index.js';
import type { BerthError, Client, KubeObject, ListOptions, WatchObjectsOptions } from '../../client/index.js';
import { BerthCluster } from '../support/berth-cluster.js';
import { Resources, waitFor } from '../support/procs.js';

/** Runs of each property: enough to reach most validation paths, within about a minute in all. */
const NUM_RUNS = 150;
const TEST_TIMEOUT_MS = 120_000;
/** How long a watch is given to deliver an event or fail before it counts as quiet. */
const WATCH_SETTLE_MS = 100;

/** The codes that say "the caller's input or timing was wrong", which any fuzzed call may get. */
const CALLER_CODES: ReadonlySet<string> = new Set([
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'CONFLICT',
  'TOO_LARGE',
  'PERMISSION_DENIED',
  'FAILED_PRECONDITION',
]);

/** Where the fuzzed objects go, where the objects it must never touch live, and the patched copies. */
const FUZZ_NS = 'fuzz';
const KNOWN_NS = 'fuzz-known';
const PATCH_NS = 'fuzz-patch';

let res: Resources;
let cluster: BerthCluster;
let client: Client;
/** The objects no fuzzed call addresses, as created. */
const known: KubeObject[] = [];
/** Outcome counts per operation (`create:ok`, `patch:INVALID_ARGUMENT`), printed at the end. */
const outcomes = new Map<string, number>();

// ---------------------------------------------------------------------------------------------
// Checking one call

/** JSON for messages, with what JSON cannot say (undefined, NaN, bigint) spelled out, cut short. */
function preview(value: unknown, max = 3000): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => {
      if (v === undefined) return '<undefined>';
      if (typeof v === 'bigint') return `<bigint ${v}>`;
      if (typeof v === 'number' && !Number.isFinite(v)) return `<${v}>`;
      return v;
    }) ?? String(value);
  } catch (e) {
    text = `<cannot be shown: ${String(e)}>`;
  }
  return text.length > max ? `${text.slice(0, max)}... (${text.length} chars)` : text;
}

/** Every replica's log lines that mention `needle` (e.g. an INTERNAL error's id), else their tails. */
function serverLog(needle: string | undefined): string {
  if (needle === undefined) return cluster.logs();
  const hits = [...cluster.procs.values()].flatMap((p) => p.readLog().split('\n').filter((l) => l.includes(needle)).map((l) => `${p.name}: ${l}`));
  return hits.length > 0 ? hits.join('\n') : cluster.logs();
}

function count(op: string, outcome: string): void {
  const key = `${op}:${outcome}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

/** The first call after which a replica had exited: every later call fails with this report. */
let crash: string | undefined;
/** The last few calls and their outcomes, for a crash report. */
const recent: string[] = [];
const RECENT_CALLS = 5;

/** The replicas that have exited, with the end of each one's log (where a crash prints its stack). */
function deadReplicas(): string[] {
  return [...cluster.procs.values()].filter((p) => !p.running).map((p) => `${p.name} exited; the end of its log:\n${p.logTail(15)}`);
}

/** Records (once) that `op` on `input` left a replica dead, and returns the report. */
async function crashReport(op: string, input: unknown, outcome: string, suspicious: boolean): Promise<string | undefined> {
  // A crash while answering drops the connection first: give the exit a moment to be seen.
  let dead = deadReplicas();
  if (dead.length === 0 && suspicious) {
    await sleep(300);
    dead = deadReplicas();
  }
  if (dead.length === 0) return undefined;
  crash ??= `a replica crashed during ${op} (the client saw ${outcome})\ninput: ${preview(input)}\n${dead.join('\n')}\nthe calls before it:\n${recent.join('\n')}`;
  return crash;
}

/**
 * Runs one fuzzed call. Returns its value, or the BerthError it failed with when the code is a
 * caller's-fault code; anything else (or a replica that exited meanwhile) fails the property
 * with the input and the server's log.
 */
async function attempt<T>(op: string, input: unknown, call: () => Promise<T>): Promise<{ value: T } | { error: BerthError }> {
  // After a crash every call would fail for that reason: report the call that caused it instead.
  if (crash !== undefined) throw new Error(`not run: ${crash}`);
  let err: unknown;
  let value: T | undefined;
  try {
    value = await call();
  } catch (e) {
    err = e;
  }
  const outcome = err === undefined ? 'ok' : isBerthError(err) ? `${err.code}: ${err.message.slice(0, 300)}` : String(err);
  const expected = err === undefined || (isBerthError(err) && CALLER_CODES.has(err.code));
  const crashed = await crashReport(op, input, outcome, !expected);
  recent.push(`${op} ${preview(input, 500)} -> ${outcome}`);
  if (recent.length > RECENT_CALLS) recent.shift();
  if (crashed !== undefined) throw new Error(crashed);
  count(op, err === undefined ? 'ok' : isBerthError(err) ? err.code : 'non-BerthError');
  if (err === undefined) return { value: value as T };
  if (isBerthError(err) && CALLER_CODES.has(err.code)) return { error: err };
  const what = isBerthError(err) ? `BerthError ${err.code}: ${err.message}` : `a non-BerthError: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  const errorId = isBerthError(err) && typeof err.details['errorId'] === 'string' ? err.details['errorId'] : undefined;
  throw new Error(`${op} failed with ${what}\ninput: ${preview(input)}\nserver log:\n${serverLog(errorId)}`);
}

/** An object a successful write returned must read back (its stored form decodes). */
async function expectReadable(op: string, written: KubeObject): Promise<void> {
  const ns = written.metadata.namespace;
  const got = await attempt(`${op}/get`, written, () => client.get(written.kind, written.metadata.name ?? '', ns !== undefined && ns !== '' ? { namespace: ns } : {}));
  if ('error' in got) {
    // A later write of the same run may have changed it, but it cannot have vanished.
    throw new Error(`${op} succeeded but the object does not read back: ${got.error.code}: ${got.error.message}\nwritten: ${preview(written)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Valid objects of every kind (the bases that mutations start from)

const podSpec = {
  volumes: [
    { name: 'scratch', emptyDir: {} },
    { name: 'config', configMap: { name: 'web-config', items: [{ key: 'app.yaml', path: 'app.yaml', mode: 420 }] } },
    { name: 'tls', secret: { secretName: 'web-tls' } },
  ],
  initContainers: [{ name: 'migrate', image: 'web:1.2.3', command: ['/bin/migrate'], args: ['--up'] }],
  containers: [
    {
      name: 'web',
      image: 'registry.example/web:1.2.3',
      imagePullPolicy: 'IfNotPresent',
      command: ['node', 'server.js'],
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      env: [
        { name: 'MODE', value: 'production' },
        { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'web-config', key: 'level' } } },
      ],
      envFrom: [{ configMapRef: { name: 'web-config' } }],
      resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '1', memory: '256Mi' } },
      volumeMounts: [{ name: 'scratch', mountPath: '/tmp' }, { name: 'config', mountPath: '/etc/web', readOnly: true }],
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 1, periodSeconds: 10, failureThreshold: 3 },
      readinessProbe: { tcpSocket: { port: 8080 }, timeoutSeconds: 1 },
      securityContext: { runAsUser: 1000, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
    },
  ],
  restartPolicy: 'Always',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  terminationGracePeriodSeconds: 30,
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoExecute', tolerationSeconds: 300 }],
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }] },
    },
  },
};

const template = { metadata: { labels: { app: 'web' } }, spec: podSpec };
/** Metadata of a base object; `namespace` null for cluster-scoped kinds. */
const meta = (name: string, namespace: string | null = FUZZ_NS): Record<string, unknown> => ({
  name,
  ...(namespace !== null ? { namespace } : {}),
  labels: { app: 'web', tier: 'fe' },
  annotations: { 'example.com/note': 'fuzz base' },
});

const BASES: readonly KubeObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web'),
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      minReadySeconds: 5,
      revisionHistoryLimit: 10,
    },
  },
  { apiVersion: 'v1', kind: 'Pod', metadata: meta('web-0'), spec: podSpec },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('web'),
    spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }, { name: 'alt', port: 8080, targetPort: 8080 }], sessionAffinity: 'ClientIP' },
  },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('web-config'), data: { 'app.yaml': 'port: 8080\n', level: 'info', empty: '' }, binaryData: { 'logo.png': 'iVBORw0KGgo=' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: meta('db'), type: 'Opaque', data: { password: 'c2VjcmV0', empty: '' } },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('db'),
    spec: {
      replicas: 2,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      podManagementPolicy: 'Parallel',
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('agent'),
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'agent:1' }], tolerations: [{ operator: 'Exists' }] } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta('web-7d9f'),
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('migrate'),
    spec: { parallelism: 1, completions: 1, backoffLimit: 6, activeDeadlineSeconds: 600, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'web:1.2.3' }] } } },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('report'),
    spec: {
      schedule: '*/5 * * * *',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      jobTemplate: { spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'r', image: 'report:1' }] } } } },
    },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('web'),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('web'),
    subsets: [{ addresses: [{ ip: '10.244.1.7', nodeName: 'n1' }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }],
  },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: meta('web.17c'),
    involvedObject: { kind: 'Pod', namespace: FUZZ_NS, name: 'web-0', apiVersion: 'v1' },
    reason: 'Pulled',
    message: 'Successfully pulled image',
    source: { component: 'kubelet', host: 'n1' },
    firstTimestamp: '2024-05-01T10:00:00Z',
    lastTimestamp: '2024-05-01T10:00:02Z',
    count: 2,
    type: 'Normal',
  },
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta('n1', null),
    spec: { podCIDR: '10.244.1.0/24', unschedulable: false, taints: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }] },
  },
  { apiVersion: 'v1', kind: 'Namespace', metadata: meta('team-a', null) },
];

/** The same object under another name (and, for a namespaced kind, in `namespace`). */
function renamed(base: KubeObject, name: string, namespace?: string): KubeObject {
  const copy = structuredClone(base);
  copy.metadata.name = name;
  if (namespace !== undefined && copy.metadata.namespace !== undefined) copy.metadata.namespace = namespace;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Generators

/** Strings that names, keys and values should refuse or survive: long, unicode, lone surrogates, controls. */
const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('a', 'z', '0', '-', '.', '/', '_', ' ', '\u0000', '\n', '\u00e9', '\u{1f4a5}', '\u202e', '%', '"', '\\'),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    ),
    maxLength: 30,
  }),
  fc.string({ minLength: 250, maxLength: 400 }),
  fc.constantFrom('', '.', '..', 'a/b', '-a', 'a-', 'A', 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(253), 'a'.repeat(254), '__proto__', 'constructor', 'default', 'kube-system', '0', '1e3'),
);

const dnsLabel = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
/** Mostly valid fresh names (so that writes get past the name and are stored), sometimes odd ones. */
const nameArb: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: dnsLabel.map((n) => `fz-${n}`) }, { weight: 2, arbitrary: oddString });
const numberArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -10, max: 10 }),
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 32, 2 ** 53, -(2 ** 53), 1e300, 0.5, -0),
  fc.double(),
);
const json: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** fc.anything() made into JSON, as a manifest file or a network would carry it. */
function jsonOf(value: unknown): unknown {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return text === undefined ? null : JSON.parse(text);
}
const hostile = fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true, withTypedArray: true });
/** Mostly JSON from fc.anything(); sometimes the raw JavaScript value (NaN, undefined, -0, bigint, Map...). */
const anyValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: hostile.map(jsonOf) }, { weight: 1, arbitrary: hostile });

/** Object keys: ASCII, any code point, lone surrogates, and the ones that pollute prototypes when handled carelessly. */
const keyArb = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom('a', '.', '/'), fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))), minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'metadata', 'spec', 'status', '') },
);

/** A plain object holding `key` as an own property, even "__proto__". */
function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

function dictOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  return entries.reduce<Record<string, unknown>>((o, [k, v]) => withKey(o, k, v), {});
}

const jsonDict = fc.array(fc.tuple(keyArb, json), { maxLength: 4 }).map(dictOf);

/** One change to a tree: what it writes at the slot it picks. */
type Edit =
  | { readonly op: 'set'; readonly value: unknown }
  | { readonly op: 'delete' }
  | { readonly op: 'addKey'; readonly key: string; readonly value: unknown }
  | { readonly op: 'sameShape'; readonly s: string; readonly n: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ s: oddString, n: numberArb }).map(({ s, n }) => ({ op: 'sameShape' as const, s, n })) },
  { weight: 2, arbitrary: json.map((value) => ({ op: 'set' as const, value })) },
  { weight: 1, arbitrary: anyValue.map((value) => ({ op: 'set' as const, value })) },
  { weight: 1, arbitrary: fc.constant({ op: 'delete' as const }) },
  { weight: 1, arbitrary: fc.tuple(keyArb, json).map(([key, value]) => ({ op: 'addKey' as const, key, value })) },
);

/** A place in a JSON tree that a value can be written to. */
interface Slot {
  readonly parent: Record<string, unknown> | unknown[];
  readonly key: string | number;
}

function slotsOf(root: unknown): Slot[] {
  const out: Slot[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        out.push({ parent: node, key: i });
        walk(v);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        out.push({ parent: node as Record<string, unknown>, key: k });
        walk(v);
      }
    }
  };
  walk(root);
  return out;
}

/** A value like `old` in shape (string for string, number for number, ...) but different. */
function sameShape(old: unknown, s: string, n: number): unknown {
  if (typeof old === 'string') return s;
  if (typeof old === 'number') return n;
  if (typeof old === 'boolean') return !old;
  if (Array.isArray(old)) return n % 3 === 0 ? [] : [...old, ...old.slice(0, 1)];
  if (old !== null && typeof old === 'object') return withKey({ ...old }, s, s);
  return s;
}

function setSlot(slot: Slot, value: unknown): void {
  if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  else withKey(slot.parent, String(slot.key), value);
}

function applyEdit(slot: Slot, edit: Edit): void {
  const old = Array.isArray(slot.parent) ? slot.parent[slot.key as number] : slot.parent[slot.key as string];
  if (edit.op === 'set') setSlot(slot, edit.value);
  else if (edit.op === 'sameShape') setSlot(slot, sameShape(old, edit.s, edit.n));
  else if (edit.op === 'delete') {
    if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
    else delete slot.parent[slot.key as string];
  } else if (old !== null && typeof old === 'object' && !Array.isArray(old)) withKey(old as Record<string, unknown>, edit.key, edit.value);
  else setSlot(slot, withKey({}, edit.key, edit.value));
}

/** `base` with each edit applied at the slot its index picks (among the slots as they are then). */
function mutate<T>(base: T, edits: readonly (readonly [number, Edit])[]): T {
  const root = structuredClone(base);
  for (const [pick, edit] of edits) {
    const slots = slotsOf(root);
    const slot = slots[pick % Math.max(1, slots.length)];
    if (slot === undefined) continue;
    try {
      applyEdit(slot, edit);
    } catch {
      // A slot inside a value fc.anything() made (a typed array, a boxed string) may not be
      // writable: that edit is skipped.
    }
  }
  return root;
}

const kindNames = [...new Set(KINDS.flatMap((k) => [k.kind, k.plural, k.kind.toUpperCase(), ...k.shortNames]))];
const apiVersions = [...new Set(KINDS.map((k) => k.apiVersion))];

/** apiVersion and kind: a real pair, a real kind with a random apiVersion, or anything. */
const typeArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KINDS).map((k) => ({ apiVersion: k.apiVersion, kind: k.kind })) },
  { weight: 1, arbitrary: fc.record({ apiVersion: fc.oneof(fc.constantFrom(...apiVersions), oddString), kind: fc.oneof(fc.constantFrom(...kindNames), oddString) }) },
);

const labelKey = fc.oneof(dnsLabel, fc.constantFrom('app', 'example.com/team', 'a/b/c', '/x', 'x/', 'Example.COM/x'), oddString);
const labelValue = fc.oneof(dnsLabel, fc.constant(''), oddString);

const metadataArb = fc.record(
  {
    name: nameArb,
    namespace: fc.oneof(fc.constantFrom('default', FUZZ_NS, 'no-such-ns', ''), oddString),
    generateName: oddString,
    labels: fc.dictionary(labelKey, labelValue, { maxKeys: 4 }),
    annotations: fc.dictionary(oddString, oddString, { maxKeys: 4 }),
    finalizers: fc.array(oddString, { maxLength: 3 }),
    resourceVersion: fc.oneof(fc.constantFrom('1', '0', '', '99999999999999999999'), fc.nat().map(String), oddString),
    uid: oddString,
    generation: numberArb,
    creationTimestamp: oddString,
    deletionTimestamp: oddString,
    ownerReferences: fc.array(fc.oneof(json, fc.record({ apiVersion: oddString, kind: oddString, name: oddString, uid: oddString, controller: fc.boolean() })), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

/** Objects built from scratch: a type, metadata, and JSON (or anything) for the rest. */
const arbitraryObject: fc.Arbitrary<unknown> = fc
  .tuple(
    typeArb,
    fc.oneof({ weight: 6, arbitrary: metadataArb }, { weight: 1, arbitrary: anyValue }),
    fc.record({ spec: fc.oneof(json, anyValue), status: json, data: fc.oneof(fc.dictionary(oddString, oddString, { maxKeys: 3 }), json) }, { requiredKeys: [] }),
    jsonDict,
  )
  .map(([type, metadata, body, extra]) => Object.assign(extra, { ...type, metadata }, body));

/** Valid objects with random subtrees replaced, under random names. */
const mutatedObject: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...BASES), nameArb, fc.array(fc.tuple(fc.nat(), editArb), { minLength: 0, maxLength: 4 }))
  .map(([base, name, edits]) => mutate(renamed(base, name), edits));

function touchesKnown(obj: unknown): boolean {
  const m = (obj as { metadata?: unknown } | null)?.metadata;
  if (m === null || typeof m !== 'object') return false;
  const { name, namespace } = m as { name?: unknown; namespace?: unknown };
  return namespace === KNOWN_NS || name === KNOWN_NS;
}

// ---------------------------------------------------------------------------------------------
// The cluster and the objects the fuzzing must leave alone

/** The copies that random merge patches are sent to: one per kind with a rich schema. */
const PATCH_TARGETS: readonly KubeObject[] = BASES.filter((b) => ['Deployment', 'Pod', 'Service', 'ConfigMap', 'HorizontalPodAutoscaler', 'CronJob', 'Node'].includes(b.kind)).map((b) =>
  renamed(b, b.kind === 'Node' ? 'fz-patch-node' : `copy-${b.kind.toLowerCase()}`, PATCH_NS),
);

/**
 * What a user wrote into an object, and its identity: the controllers running in the cluster
 * write status and their own annotations on the known objects (and that is not fuzzing's doing),
 * but a change of anything here, or of the generation, would be.
 */
function userView(o: KubeObject): unknown {
  const { name, namespace, uid, generation, labels, creationTimestamp } = o.metadata;
  const { apiVersion, kind, spec, data, stringData, type } = o as KubeObject & Record<string, unknown>;
  return { apiVersion, kind, metadata: { name, namespace, uid, generation, labels, creationTimestamp }, spec, data, stringData, type };
}

beforeAll(async () => {
  res = new Resources();
  cluster = await BerthCluster.start(res, { replicas: 3 });
  client = cluster.client();
  // The leader makes the default namespaces once elected.
  await waitFor(async () => (await client.list('Namespace')).items.some((n) => n.metadata.name === 'default'), { timeoutMs: 15_000, what: 'namespace default' });
  for (const ns of [FUZZ_NS, KNOWN_NS, PATCH_NS]) await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const knownBases = BASES.filter((b) => ['Deployment', 'Pod', 'Service', 'ConfigMap', 'Secret', 'StatefulSet', 'CronJob'].includes(b.kind));
  for (const b of knownBases) known.push(await client.create(renamed(b, `known-${b.kind.toLowerCase()}`, KNOWN_NS)));
  known.push(await client.get('Namespace', KNOWN_NS));
  for (const t of PATCH_TARGETS) await client.create(t);
}, 60_000);

afterAll(async () => {
  const summary = [...outcomes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(' ');
  if (summary !== '') process.stdout.write(`objects-fuzz outcomes: ${summary}\n`);
  client?.close();
  await res?.cleanup();
});

// ---------------------------------------------------------------------------------------------
// Properties

/** Sends `obj` through every write that takes a whole object, each checked by attempt(). */
async function writeEverywhichWay(obj: unknown, flags: { dryRun: boolean }): Promise<void> {
  const o = obj as KubeObject;
  const created = await attempt('create', obj, () => client.create(o, { dryRun: flags.dryRun }));
  if ('value' in created && !flags.dryRun) await expectReadable('create', created.value);
  const applied = await attempt('apply', obj, () => client.apply(o));
  if ('value' in applied) await expectReadable('apply', applied.value.object);
  const strict = await attempt('apply-strict', obj, () => client.apply(o, { strict: true, dryRun: flags.dryRun }));
  if ('value' in strict && !flags.dryRun) await expectReadable('apply-strict', strict.value.object);
  const updated = await attempt('update', obj, () => client.update(o, { dryRun: flags.dryRun }));
  if ('value' in updated && !flags.dryRun) await expectReadable('update', updated.value);
  await attempt('updateStatus', obj, () => client.updateStatus(o, { dryRun: flags.dryRun }));
}

describe('fuzzing the object API of a 3-replica cluster', () => {
  it('accepts every base object as valid (so that mutations start from valid objects)', async () => {
    for (const b of BASES) {
      const r = await attempt('base', b, () => client.create(b, { dryRun: true }));
      expect('value' in r ? 'ok' : `${r.error.code}: ${r.error.message}`, b.kind).toBe('ok');
    }
  }, TEST_TIMEOUT_MS);

  it('refuses or stores arbitrary objects, never failing otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryObject.filter((o) => !touchesKnown(o)), fc.boolean(), async (obj, dryRun) => writeEverywhichWay(obj, { dryRun })),
      { numRuns: NUM_RUNS },
    );
  }, TEST_TIMEOUT_MS);

  it('refuses or stores valid objects with random subtrees replaced', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedObject.filter((o) => !touchesKnown(o)), fc.boolean(), async (obj, dryRun) => writeEverywhichWay(obj, { dryRun })),
      { numRuns: NUM_RUNS },
    );
    // The mutations must reach the server's validation and the store, not just the SDK's checks.
    expect(outcomes.get('create:ok') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('apply:ok') ?? 0).toBeGreaterThan(0);
  }, TEST_TIMEOUT_MS);

  it('lists with arbitrary kinds, selectors, limits and continue tokens, or refuses them', async () => {
    const realToken = (await client.list('cm', { limit: 1 })).metadata.continue ?? '';
    expect(realToken).not.toBe('');
    const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const prefixes = KINDS.flatMap((k) => [`/registry/${k.plural}/`, `/registry/${k.plural}/${FUZZ_NS}/`]);
    const validLabels = ['', 'app=web', 'app in (web,db)', 'app notin (web)', '!canary', 'app', 'app!=web,tier=fe', 'tier notin (fe),app==web'];
    const validFields = ['', 'metadata.name=web', 'metadata.namespace!=fuzz', 'metadata.name==fz-a,metadata.namespace=fuzz', 'status.phase=Running', 'spec.nodeName=n1'];
    /** A selector: mostly a valid one (so that lists get past parsing), else a broken or random one. */
    const selector = (valid: readonly string[]): fc.Arbitrary<string> =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...valid) },
        { weight: 1, arbitrary: oddString },
        { weight: 1, arbitrary: fc.constantFrom('a=b=c', 'in (x)', '(', ')', ',', '=', 'app in (web', 'spec.color=red', '!', 'a,,b', 'metadata.name') },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...valid.filter((v) => v !== '')), fc.nat(), oddString).map(([s, at, ins]) => s.slice(0, at % (s.length + 1)) + ins + s.slice(at % (s.length + 1))) },
      );
    const token = fc.oneof(
      fc.string(),
      json.map(b64),
      fc.record({ rev: fc.oneof(numberArb, fc.nat(100_000)), key: fc.oneof(oddString, fc.constantFrom(...prefixes).chain((p) => oddString.map((s) => p + s))), prefix: fc.constantFrom(...prefixes) }).map(b64),
      fc.tuple(fc.nat(), fc.constantFrom('A', '=', '_', '-', '')).map(([at, c]) => realToken.slice(0, at % (realToken.length + 1)) + c + realToken.slice((at % (realToken.length + 1)) + 1)),
    );
    const params = fc.record(
      {
        namespace: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('', 'default', FUZZ_NS, KNOWN_NS, 'no-such-ns') }, { weight: 1, arbitrary: oddString }),
        labelSelector: selector(validLabels),
        fieldSelector: selector(validFields),
        limit: fc.oneof({ weight: 4, arbitrary: fc.nat(5) }, { weight: 1, arbitrary: fc.integer() }, { weight: 1, arbitrary: fc.constantFrom(0, 2 ** 32, 2 ** 32 - 1, 0.5, Number.NaN, -1) }),
        continue: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: token }),
        stale: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    const kindArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...kindNames) }, { weight: 1, arbitrary: oddString });
    await fc.assert(
      fc.asyncProperty(kindArb, params, async (kind, p) => {
        const input = { kind, ...p };
        const r = await attempt('list', input, () => client.list(kind, p as ListOptions));
        if ('error' in r) return;
        const limit = p.limit ?? 0;
        if (limit > 0 && r.value.items.length > limit) throw new Error(`list returned ${r.value.items.length} items for limit ${limit}\ninput: ${preview(input)}`);
        const next = r.value.metadata.continue;
        if (next !== undefined && next !== '') {
          const more = await attempt('list-continue', { ...input, continue: next }, () => client.list(kind, { ...(p as ListOptions), continue: next }));
          if ('error' in more) throw new Error(`the continue token a list returned was refused: ${more.error.code}: ${more.error.message}\ninput: ${preview(input)}`);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  }, TEST_TIMEOUT_MS);

  it('watches with arbitrary parameters: each fails cleanly or delivers events', async () => {
    const rv = (await client.list('ns')).metadata.resourceVersion;
    const selector = (valid: readonly string[]): fc.Arbitrary<string> =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...valid) },
        { weight: 1, arbitrary: oddString },
        { weight: 1, arbitrary: fc.constantFrom('app in (web', 'spec.color=red', '!', 'a,,b', '=x') },
      );
    const params = fc.record(
      {
        namespace: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('', 'default', FUZZ_NS, PATCH_NS) }, { weight: 1, arbitrary: oddString }),
        labelSelector: selector(['', 'app=web', 'app in (web,db)', '!canary', 'tier']),
        fieldSelector: selector(['', 'metadata.name=web', 'metadata.namespace=fuzz', 'metadata.name!=x']),
        resourceVersion: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('', '0', '1', rv) },
          { weight: 1, arbitrary: fc.constantFrom(String(Number(rv) + 1_000_000), '99999999999999999999', '-1', '1.5', ' 1') },
          { weight: 1, arbitrary: oddString },
        ),
        sendInitialEvents: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    const kindArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...kindNames) }, { weight: 1, arbitrary: oddString });
    await fc.assert(
      fc.asyncProperty(kindArb, params, async (kind, p) => {
        const input = { kind, ...p };
        await attempt('watch', input, async () => {
          const w = client.watch(kind, p as WatchObjectsOptions);
          try {
            const first = w[Symbol.asyncIterator]().next();
            first.catch(() => undefined);
            const settled = await Promise.race([first.then((e) => ({ event: e })), sleep(WATCH_SETTLE_MS).then(() => 'quiet' as const)]);
            if (settled !== 'quiet' && !settled.event.done) {
              const e = settled.event.value;
              if (!['ADDED', 'MODIFIED', 'DELETED'].includes(e.type) || typeof e.object?.metadata?.name !== 'string') throw new Error(`a malformed watch event: ${preview(e)}`);
            }
          } finally {
            w.close();
          }
        });
      }),
      { numRuns: NUM_RUNS },
    );
  }, TEST_TIMEOUT_MS);

  it('refuses an object too big to store, and writes nothing', async () => {
    const before = (await client.list('ns')).metadata.resourceVersion;
    const big = (name: string, bytes: number): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: FUZZ_NS }, data: { big: 'x'.repeat(bytes) } });
    const TOO_BIG = new Set(['TOO_LARGE', 'INVALID_ARGUMENT', 'RESOURCE_EXHAUSTED']);
    const expectRefused = async (op: string, call: () => Promise<unknown>): Promise<void> => {
      const err = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isBerthError(err), `${op}: ${String(err)}`).toBe(true);
      expect(TOO_BIG.has((err as BerthError).code), `${op}: ${(err as BerthError).code}: ${(err as BerthError).message}`).toBe(true);
    };
    const copy = PATCH_TARGETS.find((t) => t.kind === 'ConfigMap')!;
    const copyBefore = await client.get('cm', copy.metadata.name ?? '', { namespace: PATCH_NS });
    await expectRefused('create 2 MiB', () => client.create(big('huge', 2 << 20)));
    await expectRefused('apply 2 MiB', () => client.apply(big('huge', 2 << 20)));
    await expectRefused('create 5 MiB', () => client.create(big('huger', 5 << 20)));
    await expectRefused('update 2 MiB', () => client.update({ ...copyBefore, data: { big: 'x'.repeat(2 << 20) } }));
    await expectRefused('patch 2 MiB', () => client.patch('cm', copy.metadata.name ?? '', { data: { big: 'x'.repeat(2 << 20) } }, { namespace: PATCH_NS }));
    for (const name of ['huge', 'huger']) {
      expect(await client.get('cm', name, { namespace: FUZZ_NS }).catch((e: unknown) => (isBerthError(e) ? e.code : e))).toBe('NOT_FOUND');
    }
    expect(await client.get('cm', copy.metadata.name ?? '', { namespace: PATCH_NS })).toEqual(copyBefore);
    // Nothing at all was written: the store's revision did not move.
    expect((await client.list('ns')).metadata.resourceVersion).toBe(before);
  }, TEST_TIMEOUT_MS);

  // Errors about huge inputs must still reach the client as INVALID_ARGUMENT, promptly: a
  // message or cause list too big for gRPC's trailers never arrives, and the client is left to
  // time out (and to believe that a refused write "may or may not have been applied").
  describe('errors about huge inputs', () => {
    const oneShot = (): Client => connect({ endpoints: cluster.endpoints([cluster.specs[0]!.id]), timeoutMs: 3_000, retry: { maxAttempts: 1 } });
    const refusedPromptly = async (what: string, call: (c: Client) => Promise<unknown>): Promise<void> => {
      const c = oneShot();
      try {
        const started = performance.now();
        const err = await call(c).then(
          () => undefined,
          (e: unknown) => e,
        );
        const ms = Math.round(performance.now() - started);
        const got = isBerthError(err) ? `${err.code}: ${err.message.slice(0, 200)}` : String(err);
        expect(got, `${what} (answered in ${ms} ms)`).toMatch(/^INVALID_ARGUMENT: /);
        expect(ms, what).toBeLessThan(2_000);
        expect(deadReplicas()).toEqual([]);
      } finally {
        c.close();
        // A reply that could not be sent breaks the connection it was on, which grpc-js shares
        // between clients: wait until the replica answers again, so that the next test starts clean.
        await waitFor(
          async () => {
            const probe = oneShot();
            try {
              await probe.get('ns', 'default');
              return true;
            } finally {
              probe.close();
            }
          },
          { timeoutMs: 15_000, intervalMs: 100, what: 'the replica to answer again' },
        );
      }
    };
    const configMapCopy = (): KubeObject => PATCH_TARGETS.find((t) => t.kind === 'ConfigMap')!;

    it('a label selector with a 300,000-character key', async () => {
      await refusedPromptly('list', (c) => c.list('cm', { labelSelector: `${'a'.repeat(300_000)}=b` }));
      await refusedPromptly('watch', async (c) => {
        const w = c.watch('cm', { labelSelector: `${'a'.repeat(300_000)}=b` });
        try {
          await w[Symbol.asyncIterator]().next();
        } finally {
          w.close();
        }
      });
    }, TEST_TIMEOUT_MS);

    it('a merge patch with one 100,000-character unknown field', async () => {
      await refusedPromptly('patch', (c) => c.patch('cm', configMapCopy().metadata.name ?? '', { ['k'.repeat(100_000)]: 1 }, { namespace: PATCH_NS }));
    }, TEST_TIMEOUT_MS);

    it('a merge patch with 10,000 unknown fields', async () => {
      const patch = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`unknown-${i}`, 1]));
      await refusedPromptly('patch', (c) => c.patch('cm', configMapCopy().metadata.name ?? '', patch, { namespace: PATCH_NS }));
    }, TEST_TIMEOUT_MS);

    it('an object with 1,000 invalid label keys', async () => {
      const labels = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`-bad${i}-${'x'.repeat(50)}`, 'y']));
      await refusedPromptly('create', (c) => c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'many-bad-labels', namespace: FUZZ_NS, labels } }));
    }, TEST_TIMEOUT_MS);
  });

  // Patches go last: until berth quotes field names safely, a lone surrogate in a patch's key
  // crashes the replica that answers (see the last describe of this file).
  it('refuses or applies arbitrary merge patches, keeping kind, name, namespace and uid', async () => {
    const uids = new Map<string, string>();
    for (const t of PATCH_TARGETS) uids.set(`${t.kind}/${t.metadata.name ?? ''}`, (await client.get(t.kind, t.metadata.name ?? '', { namespace: PATCH_NS })).metadata.uid ?? '');
    // A patch is a JSON object: random keys, or some top-level fields of the target with random
    // subtrees replaced (null, which deletes in a merge patch, among them).
    const topLevel = ['apiVersion', 'kind', 'metadata', 'spec', 'status', 'data', 'binaryData'];
    const pathPatch = fc
      .tuple(fc.constantFrom(...PATCH_TARGETS), fc.array(fc.tuple(fc.nat(), fc.oneof(editArb, fc.constant({ op: 'set' as const, value: null }))), { minLength: 1, maxLength: 4 }), fc.subarray(topLevel, { minLength: 1 }))
      .map(([t, edits, fields]) => {
        const m = mutate(t, edits) as unknown as Record<string, unknown>;
        return { target: t, patch: dictOf(fields.filter((f) => f in m).map((f) => [f, m[f]] as const)) };
      });
    const randomPatch = fc.tuple(fc.constantFrom(...PATCH_TARGETS), fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), jsonDict, fc.dictionary(keyArb, anyValue))).map(([target, patch]) => ({ target, patch }));
    const missing = fc.tuple(fc.constantFrom(...PATCH_TARGETS), nameArb, jsonDict).map(([t, name, patch]) => ({ target: renamed(t, name, PATCH_NS), patch }));
    const options = fc.record({ status: fc.boolean(), dryRun: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: pathPatch }, { weight: 3, arbitrary: randomPatch }, { weight: 1, arbitrary: missing }), options, async ({ target, patch }, opts) => {
        const name = target.metadata.name ?? '';
        const ns = target.metadata.namespace;
        const input = { kind: target.kind, name, namespace: ns, patch, ...opts };
        const r = await attempt('patch', input, () =>
          client.patch(target.kind, name, patch as Record<string, unknown>, { ...(ns !== undefined ? { namespace: ns } : {}), dryRun: opts.dryRun, ...(opts.status ? { subresource: 'status' as const } : {}) }),
        );
        if ('error' in r) return;
        const got = r.value;
        const problem =
          got.kind !== target.kind ? `kind ${got.kind}` : got.metadata.name !== name ? `name ${String(got.metadata.name)}` : (got.metadata.namespace ?? undefined) !== ns && ns !== undefined ? `namespace ${String(got.metadata.namespace)}` : uids.has(`${target.kind}/${name}`) && got.metadata.uid !== uids.get(`${target.kind}/${name}`) ? `uid ${String(got.metadata.uid)}` : undefined;
        if (problem !== undefined) throw new Error(`a patch changed the object's identity (${problem})\ninput: ${preview(input)}\nresult: ${preview(got)}`);
        await expectReadable('patch', got);
      }),
      { numRuns: NUM_RUNS },
    );
  }, TEST_TIMEOUT_MS);

  it('leaves every replica running, a leader, the known objects untouched, and every store readable', async () => {
    for (const [id, p] of cluster.procs) expect(p.running, `replica ${id} exited; log:\n${p.logTail(40)}`).toBe(true);
    const st = await client.cluster.status();
    expect(st.leader).not.toBe('');
    expect(st.members.every((m) => m.healthy)).toBe(true);
    for (const k of known) expect(userView(await client.get(k.kind, k.metadata.name ?? '', k.metadata.namespace ? { namespace: k.metadata.namespace } : {}))).toEqual(userView(k));
    // Each replica lists every kind from its own copy, and once it has applied everything, all agree.
    const per = cluster.specs.map((s) => ({ id: s.id, c: cluster.client([s.id]) }));
    try {
      const snapshot = async (c: Client): Promise<string[]> => {
        const out: string[] = [];
        for (const k of KINDS) for (const o of (await c.list(k.kind, { stale: true })).items) out.push(`${k.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}@${o.metadata.resourceVersion ?? ''}`);
        return out.sort();
      };
      let views: string[][] = [];
      await waitFor(
        async () => {
          views = await Promise.all(per.map((r) => snapshot(r.c)));
          return views.every((v) => JSON.stringify(v) === JSON.stringify(views[0]));
        },
        { timeoutMs: 15_000, intervalMs: 200, what: 'every replica to list the same objects' },
      );
      expect(views[0]!.length).toBeGreaterThan(known.length);
      for (const r of per) {
        for (const k of known) {
          expect(userView(await r.c.get(k.kind, k.metadata.name ?? '', { ...(k.metadata.namespace ? { namespace: k.metadata.namespace } : {}), stale: true }))).toEqual(userView(k));
        }
      }
    } finally {
      for (const r of per) r.c.close();
    }
    // No replica met a stored object it could not decode, nor failed a request internally.
    for (const p of cluster.procs.values()) {
      const log = p.readLog();
      expect(log, `${p.name}`).not.toContain('does not decode');
      expect(log, `${p.name}`).not.toContain('internal error');
    }
  }, TEST_TIMEOUT_MS);
});

// A merge patch is JSON text, so it can carry what protobuf strings cannot: a lone UTF-16
// surrogate ("\ud800"). Named in a field path of an INVALID_ARGUMENT message, it must come back
// as that error; grpc-js percent-encodes the message with encodeURI, which throws on it.
describe('a field name holding a lone surrogate', () => {
  it('is refused with INVALID_ARGUMENT by the replica that answers, which keeps running', async () => {
    const own = new Resources();
    const c = await BerthCluster.start(own, { replicas: 3 });
    const writer = c.client();
    try {
      await waitFor(async () => (await writer.list('Namespace')).items.some((n) => n.metadata.name === 'default'), { timeoutMs: 15_000, what: 'namespace default' });
      await writer.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'target', labels: { app: 'web' } }, data: { k: 'v' } });
      const cases: [string, Record<string, unknown>][] = [
        ['an unknown top-level field', { '\ud800': 1 }],
        ['an unknown field in metadata', { metadata: { 'x\udc00y': 1 } }],
        ['a label key', { metadata: { labels: { '\ud800': 'x' } } }],
        ['an annotation key', { metadata: { annotations: { '\udfff': 'x' } } }],
        ['a data key', { data: { 'k\ud800': 'x' } }],
      ];
      for (const [what, patch] of cases) {
        const leader = await c.waitForLeader();
        const follower = c.specs.find((s) => s.id !== leader)!.id;
        const one = connect({ endpoints: c.endpoints([follower]), timeoutMs: 3_000, retry: { maxAttempts: 1 } });
        const got = await one.patch('cm', 'target', patch).then(
          () => 'ok',
          (e: unknown) => (isBerthError(e) ? `${e.code}: ${e.message}` : String(e)),
        );
        one.close();
        await sleep(300);
        const proc = c.procs.get(follower)!;
        const alive = proc.running;
        const log = alive ? '' : proc.logTail(8);
        expect.soft(got, `${what}: ${preview(patch)} via ${follower}`).toMatch(/^INVALID_ARGUMENT: /);
        expect.soft(alive, `${what}: ${preview(patch)} crashed ${follower}:\n${log}`).toBe(true);
        // Bring a crashed replica back, so that the next case has a healthy cluster.
        if (!alive) {
          c.restart(follower);
          const back = c.client([follower]);
          // Serving again means knowing a leader: a linearizable read goes through it.
          await waitFor(async () => (await back.list('cm')).items.length > 0, { timeoutMs: 15_000, intervalMs: 100, what: `${follower} to serve again` }).finally(() => back.close());
        }
      }
    } finally {
      writer.close();
      await own.cleanup();
    }
  }, TEST_TIMEOUT_MS);
});
