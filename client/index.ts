// The public face of the berth SDK.
export { BerthError, isBerthError } from './errors.js';
export type { ErrorCode, BerthErrorOptions } from './errors.js';
