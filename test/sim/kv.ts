// The replicated state machine of the simulation: a string map plus the index it has applied.
// Its commands carry the client and sequence number so that the replica that took an operation
// can tell the client when (and with what result) it was applied.
import type { Op } from './linearizability.js';

export interface Command {
  readonly client: number;
  readonly seq: number;
  readonly op: Op;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeCommand(cmd: Command): Uint8Array {
  return encoder.encode(JSON.stringify(cmd));
}

export function decodeCommand(data: Uint8Array): Command {
  return JSON.parse(decoder.decode(data)) as Command;
}

/** A byte-exact string form of entry data, cheap to compare and to use as a map key. */
export function dataKey(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
}

export class KvStore {
  private readonly map: Map<string, string>;

  constructor(
    /** The index of the last entry (or snapshot) applied. */
    public applied = 0,
    entries: Iterable<readonly [string, string]> = [],
  ) {
    this.map = new Map(entries);
  }

  static fromSnapshot(data: Uint8Array, index: number): KvStore {
    const pairs = JSON.parse(decoder.decode(data)) as [string, string][];
    return new KvStore(index, pairs);
  }

  /** Sorted so that two replicas with the same contents produce the same bytes. */
  snapshotData(): Uint8Array {
    const pairs = [...this.map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return encoder.encode(JSON.stringify(pairs));
  }

  read(key: string): string | null {
    return this.map.get(key) ?? null;
  }

  /** Applies a write or cas; reads never go through the log. Returns the client's output. */
  apply(op: Op): boolean {
    switch (op.kind) {
      case 'write':
        this.map.set(op.key, op.value);
        return true;
      case 'cas': {
        if (this.read(op.key) !== op.expected) return false;
        this.map.set(op.key, op.value);
        return true;
      }
      case 'read':
        throw new Error('kv: a read was found in the log; reads are served by readIndex');
    }
  }
}
