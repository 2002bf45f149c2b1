// The SDK side of berth's one error family: a failed gRPC call becomes the BerthError the server
// raised, rebuilt from the berth-code and berth-details trailing metadata. A status without them
// came from gRPC itself (no connection, deadline, message too big): it is mapped by status code.
import { status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { BERTH_CODE_METADATA, BERTH_DETAILS_METADATA, BerthError, isErrorCode, makeBerthError } from './errors.js';
import type { ErrorCode } from './errors.js';

/** Codes for statuses that gRPC raises on its own; the rest mean a bug or a foreign server. */
const TRANSPORT_CODES: Partial<Record<status, ErrorCode>> = {
  [status.UNAVAILABLE]: 'UNAVAILABLE',
  [status.DEADLINE_EXCEEDED]: 'TIMEOUT',
  [status.CANCELLED]: 'CANCELLED',
  [status.RESOURCE_EXHAUSTED]: 'RESOURCE_EXHAUSTED',
  [status.UNAUTHENTICATED]: 'UNAUTHENTICATED',
  [status.PERMISSION_DENIED]: 'PERMISSION_DENIED',
  [status.INVALID_ARGUMENT]: 'INVALID_ARGUMENT',
  [status.NOT_FOUND]: 'NOT_FOUND',
  [status.ALREADY_EXISTS]: 'ALREADY_EXISTS',
  [status.FAILED_PRECONDITION]: 'FAILED_PRECONDITION',
  [status.ABORTED]: 'CONFLICT',
  [status.OUT_OF_RANGE]: 'COMPACTED',
  [status.DATA_LOSS]: 'DATA_CORRUPT',
};

type Details = Record<string, string | number | boolean>;

function parseDetails(raw: unknown): Details {
  if (typeof raw !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Details = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    }
    return out;
  } catch {
    return {};
  }
}

export function isServiceError(err: unknown): err is ServiceError {
  return err instanceof Error && typeof (err as Partial<ServiceError>).code === 'number' && 'metadata' in err;
}

/**
 * The BerthError for a failed call to `endpoint`. Errors that are already BerthErrors pass
 * through; anything else that is not a gRPC status becomes INTERNAL.
 */
export function fromGrpcError(err: unknown, endpoint: string): BerthError {
  if (err instanceof BerthError) return err;
  if (!isServiceError(err)) {
    return new BerthError('INTERNAL', `call to ${endpoint} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const code = err.metadata?.get(BERTH_CODE_METADATA)[0];
  if (isErrorCode(code)) {
    const details = parseDetails(err.metadata.get(BERTH_DETAILS_METADATA)[0]);
    return makeBerthError(code, err.details, { details, cause: err });
  }
  const mapped = TRANSPORT_CODES[err.code as status] ?? 'INTERNAL';
  return makeBerthError(mapped, `${endpoint}: ${err.details || status[err.code] || 'call failed'}`, {
    details: { endpoint, grpcStatus: err.code },
    cause: err,
  });
}
