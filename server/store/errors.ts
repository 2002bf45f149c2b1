// The store's ways of building BerthErrors, so that messages read the same everywhere.
import { BerthError } from '../../client/index.js';

/** A check of the store's data in `location` failed at `what` (a LevelDB key, or "snapshot"). The
 * format follows the Raft storage's data-directory errors, so that an operator reads one kind. */
export function corrupt(location: string, what: string, problem: string, cause?: unknown): BerthError {
  return new BerthError(
    'DATA_CORRUPT',
    `data dir ${location}: store key ${what}: ${problem}; ` +
      'restore this replica from a snapshot of a healthy one, or remove it and re-add it',
    { details: { dataDir: location, key: what }, cause },
  );
}

export function invalid(field: string, message: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', `${field}: ${message}`, { details: { field } });
}

/** A broken invariant is a bug: it fails loudly instead of being reported as bad input. */
export function assertInvariant(condition: boolean, message: string): asserts condition {
  if (!condition) throw new BerthError('INTERNAL', `store invariant broken: ${message}`);
}
