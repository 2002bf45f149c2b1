// Membership changes travel through the log as 'conf' entries. Their data is a tiny JSON text:
// they are rare, and a readable encoding makes a log dump easy to inspect.
import type { ConfChange, ConfChangeType } from './types.js';

const TYPES: ReadonlySet<string> = new Set<ConfChangeType>(['addVoter', 'addLearner', 'remove']);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeConfChange(cc: ConfChange): Uint8Array {
  return encoder.encode(JSON.stringify({ t: cc.type, n: cc.node, c: cc.context }));
}

export function decodeConfChange(data: Uint8Array): ConfChange {
  const raw: unknown = JSON.parse(decoder.decode(data));
  if (typeof raw !== 'object' || raw === null) throw new Error('conf change: not an object');
  const { t, n, c } = raw as Record<string, unknown>;
  if (typeof t !== 'string' || !TYPES.has(t)) throw new Error(`conf change: bad type ${String(t)}`);
  if (typeof n !== 'string' || n.length === 0) throw new Error('conf change: bad node id');
  return { type: t as ConfChangeType, node: n, context: typeof c === 'string' ? c : '' };
}
