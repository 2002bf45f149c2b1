// The Raft storage's key layout inside the one LevelDB a replica shares with its state-machine
// store (which owns `s/`). Entry keys carry the index as 16 lower-case hex digits, so that
// LevelDB's byte order is index order.

export const RAFT_PREFIX = 'r/';
export const HARD_STATE_KEY = 'r/hs';
export const SNAPSHOT_META_KEY = 'r/snap';
export const ENTRY_PREFIX = 'r/e/';
/** The first key after every entry key: '0' is the byte after '/'. */
export const ENTRY_RANGE_END = 'r/e0';

const ENTRY_KEY_PATTERN = /^r\/e\/[0-9a-f]{16}$/;

export function entryKey(index: number): string {
  return ENTRY_PREFIX + index.toString(16).padStart(16, '0');
}

/** The index of an entry key, or undefined when the key is not a well-formed entry key. */
export function parseEntryKey(key: string): number | undefined {
  if (!ENTRY_KEY_PATTERN.test(key)) return undefined;
  const index = Number.parseInt(key.slice(ENTRY_PREFIX.length), 16);
  return Number.isSafeInteger(index) ? index : undefined;
}
