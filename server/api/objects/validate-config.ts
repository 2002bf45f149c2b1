// ConfigMaps and Secrets: keys, base64 values, the size limit, Secret types, and immutability.
import { Buffer } from 'node:buffer';
import { deepEqual } from './merge.js';
import { configKeyProblem } from './names.js';
import type { Causes, Check, Rec, Rule } from './validate-rules.js';
import { bool, fields, isRec, map, own, present, str } from './validate-rules.js';

/** Most bytes of data a ConfigMap or Secret may hold, as in Kubernetes. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(s: string): boolean {
  return BASE64.test(s);
}

const base64: Rule = str((s) => (isBase64(s) ? undefined : 'must be base64'));

function base64Bytes(s: string): number {
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return (s.length / 4) * 3 - padding;
}

/** Bytes a map's values hold: text as UTF-8, base64 as what it decodes to. */
function mapBytes(v: unknown, encoded: boolean): number {
  if (!isRec(v)) return 0;
  let bytes = 0;
  for (const val of Object.values(v)) {
    if (typeof val !== 'string') continue;
    bytes += encoded && isBase64(val) ? base64Bytes(val) : Buffer.byteLength(val);
  }
  return bytes;
}

function sizeWithin(parts: readonly [string, boolean][]): Check {
  return (c, rec) => {
    const bytes = parts.reduce((sum, [key, encoded]) => sum + mapBytes(own(rec, key), encoded), 0);
    if (bytes > MAX_CONFIG_BYTES) c.bad(parts[0]?.[0] ?? 'data', `total size must be <= ${MAX_CONFIG_BYTES} bytes`, bytes);
  };
}

const noKeyInBoth: Check = (c, rec) => {
  const data = own(rec, 'data');
  const binary = own(rec, 'binaryData');
  if (!isRec(data) || !isRec(binary)) return;
  for (const key of Object.keys(binary)) {
    if (Object.hasOwn(data, key)) c.bad(`binaryData[${key}]`, 'key must not also be in data', key);
  }
};

export const configMapFields = fields(
  { data: map(str(), configKeyProblem), binaryData: map(base64, configKeyProblem), immutable: bool },
  noKeyInBoth,
  sizeWithin([
    ['data', false],
    ['binaryData', true],
  ]),
);

/** Keys each Secret type needs (in data or stringData). */
const SECRET_TYPE_KEYS = new Map<string, readonly string[]>([
  ['kubernetes.io/tls', ['tls.crt', 'tls.key']],
  ['kubernetes.io/dockerconfigjson', ['.dockerconfigjson']],
  ['kubernetes.io/dockercfg', ['.dockercfg']],
  ['kubernetes.io/ssh-auth', ['ssh-privatekey']],
]);

const secretTypeKeys: Check = (c, rec) => {
  const type = own(rec, 'type');
  const needed = typeof type === 'string' ? SECRET_TYPE_KEYS.get(type) : undefined;
  const data = own(rec, 'data');
  const stringData = own(rec, 'stringData');
  for (const key of needed ?? []) {
    const has = (isRec(data) && Object.hasOwn(data, key)) || (isRec(stringData) && Object.hasOwn(stringData, key));
    if (!has) c.say(`data[${key}]`, `required for type ${String(type)}`);
  }
};

export const secretFields = fields(
  { data: map(base64, configKeyProblem), stringData: map(str(), configKeyProblem), type: str(), immutable: bool },
  secretTypeKeys,
  sizeWithin([
    ['data', true],
    ['stringData', false],
  ]),
);

/** Once immutable is true, the contents and the flag itself stay as they are. */
function immutableContents(keys: readonly string[]): (c: Causes, obj: Rec, old: Rec) => void {
  return (c, obj, old) => {
    if (own(old, 'immutable') !== true) return;
    if (own(obj, 'immutable') !== true) c.say('immutable', 'field is immutable when immutable is true');
    for (const key of keys) {
      if (!deepEqual(own(obj, key), own(old, key))) c.say(key, 'field is immutable when immutable is true');
    }
  };
}

export const configMapUpdate = immutableContents(['data', 'binaryData']);

const secretContents = immutableContents(['data', 'stringData']);

export function secretUpdate(c: Causes, obj: Rec, old: Rec): void {
  secretContents(c, obj, old);
  const type = own(obj, 'type');
  const before = own(old, 'type');
  if (present(type) && present(before) && type !== before) c.say('type', 'field is immutable');
}
