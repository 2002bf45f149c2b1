// Well-formed Unicode: protobuf strings and LevelDB keys travel as UTF-8, where half of a UTF-16
// surrogate pair cannot be written and would come back changed (or, in gRPC's status message,
// make the send throw). One check, shared by the codec, the store and the server's edges.

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Whether `s` survives a round trip through UTF-8. */
export function isWellFormed(s: string): boolean {
  // Most strings have no surrogate at all; the simple class is much cheaper than the lookarounds.
  if (!SURROGATE.test(s)) return true;
  LONE_SURROGATE.lastIndex = 0;
  return !LONE_SURROGATE.test(s);
}

/** `s` with every lone surrogate replaced by U+FFFD, as a UTF-8 encoder would. */
export function toWellFormed(s: string): string {
  return isWellFormed(s) ? s : s.replace(LONE_SURROGATE, '\uFFFD');
}
