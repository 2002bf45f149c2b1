// Packs watch events into responses of bounded size. Revisions are kept whole whenever they fit,
// so that "everything up to header.revision has been sent" holds at the end of every response; a
// revision too big for one response (a delete of a large prefix) is split into fragments, which
// the client puts back together before it hands the revision on.
import type { WatchEvent } from '../store/index.js';

export interface PackedResponse {
  readonly events: WatchEvent[];
  /** More events of the last revision follow in the next response. */
  readonly fragment: boolean;
}

/** Overhead of one event besides its key and value bytes: revisions, version, framing. */
const EVENT_OVERHEAD_BYTES = 48;

/** An estimate, not the encoded size: characters count as bytes. It only has to bound, softly. */
export function eventBytes(e: WatchEvent): number {
  const kv = e.kv.key.length + e.kv.value.length;
  const prev = e.prevKv === undefined ? 0 : e.prevKv.key.length + e.prevKv.value.length;
  return EVENT_OVERHEAD_BYTES + kv + prev;
}

/** Splits events (in revision order) into runs of one revision each. */
function byRevision(events: readonly WatchEvent[]): WatchEvent[][] {
  const runs: WatchEvent[][] = [];
  for (const e of events) {
    const last = runs.at(-1);
    if (last !== undefined && last[0]?.revision === e.revision) last.push(e);
    else runs.push([e]);
  }
  return runs;
}

/** Splits one revision's events into pieces of at most maxBytes (at least one event each). */
function split(run: readonly WatchEvent[], maxBytes: number): WatchEvent[][] {
  const pieces: WatchEvent[][] = [];
  let piece: WatchEvent[] = [];
  let bytes = 0;
  for (const e of run) {
    const b = eventBytes(e);
    if (piece.length > 0 && bytes + b > maxBytes) {
      pieces.push(piece);
      piece = [];
      bytes = 0;
    }
    piece.push(e);
    bytes += b;
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

/**
 * Packs events into responses of about maxBytes each. A response holds whole revisions, except
 * that a revision bigger than maxBytes alone is spread over several, all but its last marked
 * `fragment`. A single event bigger than maxBytes still travels, alone.
 */
export function packEvents(events: readonly WatchEvent[], maxBytes: number): PackedResponse[] {
  const out: PackedResponse[] = [];
  let current: WatchEvent[] = [];
  let currentBytes = 0;
  const flush = (): void => {
    if (current.length > 0) out.push({ events: current, fragment: false });
    current = [];
    currentBytes = 0;
  };
  for (const run of byRevision(events)) {
    const runBytes = run.reduce((sum, e) => sum + eventBytes(e), 0);
    if (current.length > 0 && currentBytes + runBytes > maxBytes) flush();
    if (runBytes <= maxBytes) {
      current.push(...run);
      currentBytes += runBytes;
      continue;
    }
    const pieces = split(run, maxBytes);
    const last = pieces.pop() ?? [];
    for (const piece of pieces) out.push({ events: piece, fragment: true });
    current = last;
    currentBytes = last.reduce((sum, e) => sum + eventBytes(e), 0);
  }
  flush();
  return out;
}
