// The one error family of berth. Every error that crosses a boundary (gRPC, CLI, SDK) is a
// BerthError with a stable string code; the server maps codes to gRPC status codes with one
// table (server edge) and the SDK maps them back to the same codes.

/** Every code, for checking a code that came over the wire. Keep in step with ErrorCode. */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'CONFLICT',
  'COMPACTED',
  'TOO_LARGE',
  'UNAVAILABLE',
  'TIMEOUT',
  'NOT_LEADER',
  'WRONG_CLUSTER',
  'DATA_CORRUPT',
  'RESOURCE_EXHAUSTED',
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  'FAILED_PRECONDITION',
  'CANCELLED',
  'INTERNAL',
] as const satisfies readonly ErrorCode[];

/**
 * Trailing metadata of a failed gRPC call: the berth code (several codes share one gRPC status)
 * and the error's details as JSON (ASCII only: metadata values must be printable ASCII).
 */
export const BERTH_CODE_METADATA = 'berth-code';
export const BERTH_DETAILS_METADATA = 'berth-details';

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export type ErrorCode =
  | 'INVALID_ARGUMENT' // bad input: the message names the field and the rule
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'CONFLICT' // a compare failed / stale resourceVersion
  | 'COMPACTED' // a watch or read at a revision that history no longer has: re-list
  | 'TOO_LARGE' // a request, entry or object over its size limit
  | 'UNAVAILABLE' // no leader, peer down, shutting down: retry
  | 'TIMEOUT' // the outcome is unknown: the request may or may not have been applied
  | 'NOT_LEADER' // this replica cannot serve the request; `leader` names who can, when known
  | 'WRONG_CLUSTER' // a message from another cluster
  | 'DATA_CORRUPT' // a data directory failed a check: the message names the file and problem
  | 'RESOURCE_EXHAUSTED' // a bounded queue or window is full
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'FAILED_PRECONDITION'
  | 'CANCELLED'
  | 'INTERNAL';

/** Fails to compile when a code is added to ErrorCode but not to ERROR_CODES. */
const _everyCodeListed: [Exclude<ErrorCode, (typeof ERROR_CODES)[number]>] extends [never] ? true : never = true;
void _everyCodeListed;

export interface BerthErrorOptions {
  /** Structured details, e.g. { field: 'spec.replicas' } or { leader: 'r2' }. */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
  readonly cause?: unknown;
}

export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, string | number | boolean>>;

  constructor(code: ErrorCode, message: string, options: BerthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BerthError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

export function isBerthError(err: unknown, code?: ErrorCode): err is BerthError {
  return err instanceof BerthError && (code === undefined || err.code === code);
}
