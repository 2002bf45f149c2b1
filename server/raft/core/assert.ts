// A broken Raft invariant means a bug or corrupted state: crash loudly rather than go on and
// corrupt the replicated log (CONVENTIONS 6).
export class InvariantError extends Error {
  constructor(message: string) {
    super(`raft invariant violated: ${message}`);
    this.name = 'InvariantError';
  }
}

export function invariant(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new InvariantError(message());
}
