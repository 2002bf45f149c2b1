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

/** One reason an object is invalid: the field path and the rule it broke. */
export interface FieldCause {
  /** e.g. "spec.template.spec.containers[0].name" */
  readonly field: string;
  /** e.g. `must be a DNS-1123 label (got "Web_1")` */
  readonly message: string;
}

/** The object was not found (gRPC NOT_FOUND). */
export class NotFoundError extends BerthError {
  constructor(message: string, options: BerthErrorOptions = {}) {
    super('NOT_FOUND', message, options);
    this.name = 'NotFoundError';
  }
}

/** An object of that name exists already (gRPC ALREADY_EXISTS). */
export class AlreadyExistsError extends BerthError {
  constructor(message: string, options: BerthErrorOptions = {}) {
    super('ALREADY_EXISTS', message, options);
    this.name = 'AlreadyExistsError';
  }
}

/** The object changed since the resourceVersion the write was based on (gRPC ABORTED): read and retry. */
export class ConflictError extends BerthError {
  constructor(message: string, options: BerthErrorOptions = {}) {
    super('CONFLICT', message, options);
    this.name = 'ConflictError';
  }
}

/** No replica could serve the call now (gRPC UNAVAILABLE): retry later. */
export class UnavailableError extends BerthError {
  constructor(message: string, options: BerthErrorOptions = {}) {
    super('UNAVAILABLE', message, options);
    this.name = 'UnavailableError';
  }
}

/** The caller may not do this (gRPC PERMISSION_DENIED). */
export class ForbiddenError extends BerthError {
  constructor(message: string, options: BerthErrorOptions = {}) {
    super('PERMISSION_DENIED', message, options);
    this.name = 'ForbiddenError';
  }
}

/**
 * Bad input (gRPC INVALID_ARGUMENT). `causes` names every field at fault; on the wire they travel
 * as JSON in details.causes.
 */
export class InvalidError extends BerthError {
  readonly causes: readonly FieldCause[];

  constructor(message: string, options: BerthErrorOptions & { causes?: readonly FieldCause[] } = {}) {
    const given = options.causes;
    super('INVALID_ARGUMENT', message, {
      ...options,
      details: given !== undefined && given.length > 0 ? { ...options.details, causes: JSON.stringify(given) } : options.details,
    });
    this.name = 'InvalidError';
    this.causes = given ?? causesFromDetails(options.details, message);
  }
}

function causesFromDetails(details: BerthErrorOptions['details'], message: string): FieldCause[] {
  const raw = details?.causes;
  if (typeof raw === 'string') {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) {
        return parsed.filter(
          (c): c is FieldCause =>
            typeof c === 'object' && c !== null && typeof (c as FieldCause).field === 'string' && typeof (c as FieldCause).message === 'string',
        );
      }
    } catch {
      // Not JSON: no causes.
    }
  }
  const field = details?.field;
  return typeof field === 'string' ? [{ field, message }] : [];
}

/**
 * The error for an invalid object: one message naming every cause, e.g.
 * `Deployment "web" is invalid: spec.replicas: must be >= 0 (got -1)`. `subject` may be omitted.
 */
export function invalidObject(causes: readonly FieldCause[], subject?: string): InvalidError {
  const text = causes.map((c) => `${c.field}: ${c.message}`).join('; ');
  return new InvalidError(subject === undefined ? text : `${subject} is invalid: ${text}`, { causes });
}

/** A BerthError of the class that matches `code` (NotFoundError for NOT_FOUND, ...). */
export function makeBerthError(code: ErrorCode, message: string, options: BerthErrorOptions = {}): BerthError {
  switch (code) {
    case 'NOT_FOUND':
      return new NotFoundError(message, options);
    case 'ALREADY_EXISTS':
      return new AlreadyExistsError(message, options);
    case 'CONFLICT':
      return new ConflictError(message, options);
    case 'UNAVAILABLE':
      return new UnavailableError(message, options);
    case 'PERMISSION_DENIED':
      return new ForbiddenError(message, options);
    case 'INVALID_ARGUMENT':
      return new InvalidError(message, options);
    default:
      return new BerthError(code, message, options);
  }
}
