// The server edge of berth's one error family: every error a handler ends with becomes a gRPC
// status through the one table below. The berth code itself travels in trailing metadata
// (several codes share a gRPC status), with the error's details as JSON, so that the SDK rebuilds
// the same BerthError. An error that is not a BerthError is a bug: the client learns only that
// it happened and an id to find it in the server log.
import { randomUUID } from 'node:crypto';
import { Metadata, status } from '@grpc/grpc-js';
import type { StatusObject } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { BERTH_CODE_METADATA, BERTH_DETAILS_METADATA, BerthError, isBerthError, toWellFormed } from '../../client/index.js';
import type { ErrorCode } from '../../client/index.js';

/** The one table from berth error codes to gRPC status codes. */
export const GRPC_STATUS: Readonly<Record<ErrorCode, status>> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  CONFLICT: status.ABORTED,
  COMPACTED: status.OUT_OF_RANGE,
  TOO_LARGE: status.RESOURCE_EXHAUSTED,
  UNAVAILABLE: status.UNAVAILABLE,
  TIMEOUT: status.DEADLINE_EXCEEDED,
  NOT_LEADER: status.FAILED_PRECONDITION,
  WRONG_CLUSTER: status.FAILED_PRECONDITION,
  DATA_CORRUPT: status.DATA_LOSS,
  RESOURCE_EXHAUSTED: status.RESOURCE_EXHAUSTED,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  PERMISSION_DENIED: status.PERMISSION_DENIED,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  CANCELLED: status.CANCELLED,
  INTERNAL: status.INTERNAL,
};

/** A status to end a call with: what a unary callback and a stream's 'error' event take. */
export type ErrorStatus = Pick<StatusObject, 'code' | 'details' | 'metadata'>;

/** Metadata values must be printable ASCII: JSON's \u escapes keep any text within that. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Bounds of what an error carries back. A status travels in HTTP/2 trailers, which peers cap
 * (grpc-js at 16 KiB in all): an error quoting a huge input would otherwise never arrive and
 * break the connection. The message is cut with a note; the details keep their scalar fields and
 * as many field causes as fit.
 */
export const MAX_ERROR_MESSAGE_CHARS = 2048;
export const MAX_ERROR_DETAILS_CHARS = 4096;

/** A message gRPC can send: well-formed Unicode (it URI-encodes it) and bounded. */
export function boundedMessage(message: string): string {
  const text = toWellFormed(message);
  if (text.length <= MAX_ERROR_MESSAGE_CHARS) return text;
  return `${text.slice(0, MAX_ERROR_MESSAGE_CHARS)}... (${text.length - MAX_ERROR_MESSAGE_CHARS} more characters)`;
}

/** The details as ASCII JSON within MAX_ERROR_DETAILS_CHARS, dropping causes from the end first. */
export function boundedDetails(details: Readonly<Record<string, unknown>>): string {
  let json = asciiJson(details);
  if (json.length <= MAX_ERROR_DETAILS_CHARS) return json;
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (k !== 'causes' && (typeof v !== 'string' || v.length <= 256)) rest[k] = v;
  }
  let causes: unknown[] = [];
  try {
    const parsed: unknown = typeof details['causes'] === 'string' ? JSON.parse(details['causes']) : [];
    if (Array.isArray(parsed)) causes = parsed;
  } catch {
    causes = [];
  }
  for (let keep = causes.length; keep >= 0; keep = keep > 8 ? Math.floor(keep / 2) : keep - 1) {
    const cut = causes.slice(0, keep).map((c) => boundCause(c));
    json = asciiJson({ ...rest, ...(keep > 0 ? { causes: JSON.stringify(cut) } : {}), truncated: true });
    if (json.length <= MAX_ERROR_DETAILS_CHARS) return json;
  }
  return asciiJson({ truncated: true });
}

function boundCause(c: unknown): unknown {
  if (typeof c !== 'object' || c === null) return c;
  const { field, message } = c as { field?: unknown; message?: unknown };
  const cap = (v: unknown): unknown => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}...` : v);
  return { field: cap(field), message: cap(message) };
}

function statusOf(code: ErrorCode, message: string, details: Readonly<Record<string, unknown>>): ErrorStatus {
  const metadata = new Metadata();
  metadata.set(BERTH_CODE_METADATA, code);
  metadata.set(BERTH_DETAILS_METADATA, boundedDetails(details));
  return { code: GRPC_STATUS[code], details: boundedMessage(message), metadata };
}

/**
 * Turns whatever a handler failed with into the status to send. INTERNAL errors and errors that
 * are not BerthErrors are logged in full and reported without their message (which may reveal
 * internals), under an id that finds them in the log.
 */
export function toErrorStatus(err: unknown, log: Logger, method: string): ErrorStatus {
  if (isBerthError(err) && err.code !== 'INTERNAL') return statusOf(err.code, err.message, err.details);
  const errorId = randomUUID();
  log.error({ err, errorId, method }, 'request failed with an internal error');
  return statusOf('INTERNAL', `internal error in ${method} (id ${errorId}); the server log has the details`, { errorId });
}

/** The same error with more details, e.g. the leader's address on NOT_LEADER. */
export function withDetails(err: BerthError, extra: Readonly<Record<string, string | number | boolean>>): BerthError {
  return new BerthError(err.code, err.message, { details: { ...err.details, ...extra }, cause: err });
}
