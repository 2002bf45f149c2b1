// A container's environment, resolved as the kubelet resolves it: envFrom first (each key with its
// prefix, invalid names skipped), then env in order, where a value may refer to variables defined
// before it as $(NAME) ($$ is a literal $) and valueFrom reads a ConfigMap, a Secret, a field of
// the pod or a container's resources. berth adds what the process runtime needs on top: PATH,
// HOSTNAME, the BERTH_* variables, PORT and BERTH_PORT_<NAME>, BERTH_VOLUME_<NAME>.
import type { KubeObject } from '../../client/index.js';
import { quantityValue } from '../../client/index.js';
import type { ContainerPortBinding } from '../runtime/index.js';
import type { SourceKind } from './sources.js';

/** The search path of a process whose spec sets none (the one container images usually set). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

// ---- The JSON shapes read here (Kubernetes' Container, as the codec gives it). ----

export interface KeyRef {
  name?: string;
  key?: string;
  optional?: boolean;
}

export interface EnvVarSpec {
  name?: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath?: string };
    resourceFieldRef?: { containerName?: string; resource?: string; divisor?: string | number };
    configMapKeyRef?: KeyRef;
    secretKeyRef?: KeyRef;
  };
}

export interface EnvFromSpec {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

export interface ContainerPortSpec {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

export interface ResourcesSpec {
  limits?: Record<string, string | number>;
  requests?: Record<string, string | number>;
}

export interface ContainerSpec {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVarSpec[];
  envFrom?: EnvFromSpec[];
  ports?: ContainerPortSpec[];
  resources?: ResourcesSpec;
  volumeMounts?: { name?: string; mountPath?: string; readOnly?: boolean; subPath?: string }[];
  startupProbe?: Record<string, unknown>;
  livenessProbe?: Record<string, unknown>;
  readinessProbe?: Record<string, unknown>;
  restartPolicy?: string;
}

// ---- Quantities ----

/** A Kubernetes quantity ("500m", "128Mi", "1G", "0.5", 2) in base units; undefined if it is not one. */
export const parseQuantity = quantityValue;

/** The container's limits as the runtime takes them (memory in bytes, cpu in millicores). */
export function containerLimits(c: ContainerSpec): { memoryLimitBytes?: number; cpuLimitMillicores?: number } {
  const memory = parseQuantity(c.resources?.limits?.memory);
  const cpu = parseQuantity(c.resources?.limits?.cpu);
  return {
    ...(memory !== undefined && memory > 0 ? { memoryLimitBytes: Math.ceil(memory) } : {}),
    ...(cpu !== undefined && cpu > 0 ? { cpuLimitMillicores: Math.ceil(cpu * 1000) } : {}),
  };
}

// ---- $(VAR) expansion ----

/**
 * Kubernetes' expansion (third_party/forked/golang/expansion): $(NAME) becomes the variable's value
 * when it is defined and stays as written when it is not; $$ is a literal $; any other $ stays.
 */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') out += '$';
    else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close < 0) out += '$(';
      else {
        const name = input.slice(cursor + 2, close);
        out += lookup(name) ?? `$(${name})`;
        advance = close - cursor;
      }
    } else out += `$${next}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

// ---- Sources ----

export type { SourceKind };
/** A ConfigMap or Secret of the pod's namespace, or undefined when it does not exist. */
export type SourceLookup = (kind: SourceKind, name: string) => Promise<KubeObject | undefined>;

/** Every key of a ConfigMap (data and binaryData) or Secret (data, base64 in JSON) as bytes. */
export function sourceData(kind: SourceKind, obj: KubeObject): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const data = stringMap(obj.data);
  if (kind === 'ConfigMap') {
    for (const [k, v] of Object.entries(data)) out.set(k, Buffer.from(v, 'utf8'));
    for (const [k, v] of Object.entries(stringMap(obj.binaryData))) out.set(k, Buffer.from(v, 'base64'));
  } else {
    for (const [k, v] of Object.entries(stringMap(obj.stringData))) out.set(k, Buffer.from(v, 'utf8'));
    for (const [k, v] of Object.entries(data)) out.set(k, Buffer.from(v, 'base64'));
  }
  return out;
}

function stringMap(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function sourceWord(kind: SourceKind): string {
  return kind === 'ConfigMap' ? 'configmap' : 'secret';
}

// ---- Resolution ----

export interface EnvContext {
  readonly pod: KubeObject;
  readonly container: ContainerSpec;
  /** Every container of the pod (init and app), for resourceFieldRef.containerName. */
  readonly containers: readonly ContainerSpec[];
  readonly nodeName: string;
  readonly nodeAddress: string;
  /** What limits.cpu (cores) and limits.memory (bytes) read when the container sets none: the node's. */
  readonly nodeAllocatable: { readonly cpuCores: number; readonly memoryBytes: number };
  /** The variables berth defines before the spec's (berthEnv()). */
  readonly base: Readonly<Record<string, string>>;
  readonly lookup: SourceLookup;
}

export type EnvResult = { readonly ok: true; readonly env: Record<string, string> } | { readonly ok: false; readonly message: string };

/** Names envFrom may define (Kubernetes' IsEnvVarName). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

class EnvError extends Error {}

/** The whole environment of the container's process, or why it cannot be made. */
export async function resolveEnv(ctx: EnvContext): Promise<EnvResult> {
  const env: Record<string, string> = { ...ctx.base };
  const cache = new Map<string, Promise<KubeObject | undefined>>();
  const lookup = (kind: SourceKind, name: string): Promise<KubeObject | undefined> => {
    const key = `${kind}/${name}`;
    let p = cache.get(key);
    if (p === undefined) cache.set(key, (p = ctx.lookup(kind, name)));
    return p;
  };
  try {
    for (const from of ctx.container.envFrom ?? []) await addEnvFrom(env, from, lookup);
    for (const v of ctx.container.env ?? []) {
      const name = v.name ?? '';
      if (v.valueFrom === undefined) {
        env[name] = expand(v.value ?? '', (n) => env[n]);
        continue;
      }
      const value = await valueFrom(ctx, name, v.valueFrom, lookup);
      if (value !== undefined) env[name] = value;
    }
  } catch (e) {
    if (e instanceof EnvError) return { ok: false, message: e.message };
    throw e;
  }
  env.PATH ??= DEFAULT_PATH;
  return { ok: true, env };
}

async function addEnvFrom(env: Record<string, string>, from: EnvFromSpec, lookup: SourceLookup): Promise<void> {
  const kind: SourceKind = from.configMapRef !== undefined ? 'ConfigMap' : 'Secret';
  const ref = from.configMapRef ?? from.secretRef;
  if (ref === undefined) return;
  const name = ref.name ?? '';
  const obj = await lookup(kind, name);
  if (obj === undefined) {
    if (ref.optional === true) return;
    throw new EnvError(`envFrom: ${sourceWord(kind)} "${name}" not found`);
  }
  const data = sourceData(kind, obj);
  // A ConfigMap's binaryData is not environment material (Kubernetes reads only data).
  const keys = kind === 'ConfigMap' ? Object.keys(stringMap(obj.data)) : [...data.keys()];
  for (const key of keys) {
    const varName = `${from.prefix ?? ''}${key}`;
    if (ENV_NAME.test(varName)) env[varName] = data.get(key)?.toString('utf8') ?? '';
  }
}

async function valueFrom(ctx: EnvContext, name: string, from: NonNullable<EnvVarSpec['valueFrom']>, lookup: SourceLookup): Promise<string | undefined> {
  if (from.fieldRef !== undefined) return fieldValue(ctx, name, from.fieldRef.fieldPath ?? '');
  if (from.resourceFieldRef !== undefined) return resourceValue(ctx, name, from.resourceFieldRef);
  const kind: SourceKind = from.configMapKeyRef !== undefined ? 'ConfigMap' : 'Secret';
  const ref = from.configMapKeyRef ?? from.secretKeyRef;
  if (ref === undefined) throw new EnvError(`env var "${name}": valueFrom names no source`);
  const obj = await lookup(kind, ref.name ?? '');
  const key = ref.key ?? '';
  const value = obj === undefined ? undefined : kind === 'ConfigMap' ? stringMap(obj.data)[key] : sourceData(kind, obj).get(key)?.toString('utf8');
  if (value !== undefined || ref.optional === true) return value;
  const what = obj === undefined ? `${sourceWord(kind)} "${ref.name ?? ''}" not found` : `key "${key}" not found in ${sourceWord(kind)} "${ref.name ?? ''}"`;
  throw new EnvError(`env var "${name}": ${what}`);
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\[(?:'([^']*)'|"([^"]*)")\]$/;

/** The downward API's fields (fieldRef.fieldPath). */
export function fieldValue(ctx: Pick<EnvContext, 'pod' | 'nodeName' | 'nodeAddress'>, name: string, path: string): string {
  const md = ctx.pod.metadata;
  const spec = ctx.pod.spec ?? {};
  switch (path) {
    case 'metadata.name':
      return md.name ?? '';
    case 'metadata.namespace':
      return md.namespace ?? '';
    case 'metadata.uid':
      return md.uid ?? '';
    case 'spec.nodeName':
      return ctx.nodeName;
    case 'spec.serviceAccountName':
      return typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : 'default';
    case 'status.hostIP':
    case 'status.podIP':
    case 'status.hostIPs':
    case 'status.podIPs':
      return ctx.nodeAddress;
  }
  const m = SUBSCRIPT.exec(path);
  if (m !== null) return (m[1] === 'labels' ? md.labels : md.annotations)?.[m[2] ?? m[3] ?? ''] ?? '';
  throw new EnvError(`env var "${name}": fieldRef "${path}" is not supported`);
}

function resourceValue(ctx: EnvContext, name: string, ref: { containerName?: string; resource?: string; divisor?: string | number }): string {
  const target = ref.containerName === undefined || ref.containerName === '' ? ctx.container : ctx.containers.find((c) => c.name === ref.containerName);
  if (target === undefined) throw new EnvError(`env var "${name}": resourceFieldRef names no container "${ref.containerName ?? ''}"`);
  const [group, resource] = (ref.resource ?? '').split('.', 2);
  if ((group !== 'limits' && group !== 'requests') || resource === undefined) {
    throw new EnvError(`env var "${name}": resourceFieldRef resource "${ref.resource ?? ''}" is not supported`);
  }
  const divisor = ref.divisor === undefined || ref.divisor === '' ? 1 : parseQuantity(ref.divisor);
  if (divisor === undefined || divisor <= 0) throw new EnvError(`env var "${name}": resourceFieldRef divisor ${JSON.stringify(ref.divisor)} is not a positive quantity`);
  // Requests default to limits (the API server's defaulting); unset limits read the node's allocatable.
  const limits = target.resources?.limits ?? {};
  const raw = group === 'limits' ? limits[resource] : (target.resources?.requests?.[resource] ?? limits[resource]);
  let value = parseQuantity(raw);
  if (value === undefined && group === 'limits') {
    value = resource === 'cpu' ? ctx.nodeAllocatable.cpuCores : resource === 'memory' ? ctx.nodeAllocatable.memoryBytes : undefined;
  }
  // CPU is counted in millicores before dividing, so "1m" divisors work and 0.25 cores round up to 1.
  if (resource === 'cpu') return String(Math.ceil(Math.round((value ?? 0) * 1000) / Math.round(divisor * 1000)));
  return String(Math.ceil((value ?? 0) / divisor));
}

// ---- berth's own variables ----

/** "my-vol.1" -> "MY_VOL_1": a volume or port name as part of a variable name. */
export function envSuffix(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export interface BerthEnvInput {
  readonly pod: KubeObject;
  readonly nodeName: string;
  readonly nodeAddress: string;
  readonly ports: readonly ContainerPortBinding[];
  /** Volume name -> host path, for the volumes this container mounts. */
  readonly volumes: ReadonlyMap<string, string>;
}

/** What berth defines for every container; the spec's own variables may override them. */
export function berthEnv(input: BerthEnvInput): Record<string, string> {
  const md = input.pod.metadata;
  const hostname = typeof input.pod.spec?.hostname === 'string' && input.pod.spec.hostname !== '' ? input.pod.spec.hostname : (md.name ?? '');
  const env: Record<string, string> = {
    HOSTNAME: hostname,
    BERTH_POD_NAME: md.name ?? '',
    BERTH_POD_NAMESPACE: md.namespace ?? '',
    BERTH_POD_UID: md.uid ?? '',
    BERTH_NODE_NAME: input.nodeName,
    BERTH_POD_IP: input.nodeAddress,
  };
  for (const [name, hostPath] of input.volumes) env[`BERTH_VOLUME_${envSuffix(name)}`] = hostPath;
  const first = input.ports[0];
  if (first !== undefined) env.PORT = String(first.containerPort);
  for (const p of input.ports) if (p.name !== '') env[`BERTH_PORT_${envSuffix(p.name)}`] = String(p.containerPort);
  return env;
}

/** command + args with $(VAR) expanded from the container's environment. */
export function containerArgv(c: ContainerSpec, env: Readonly<Record<string, string>>): string[] {
  return [...(c.command ?? []), ...(c.args ?? [])].map((a) => expand(a, (n) => env[n]));
}
