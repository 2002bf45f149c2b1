// Small pieces the SDK's node and drain calls share: option checks that name the option, and
// waiting that a signal can cut short.
import { BerthError, InvalidError } from './errors.js';

export function bad(field: string, rule: string, value: unknown): InvalidError {
  return new InvalidError(`${field}: ${rule} (got ${JSON.stringify(value)})`, { causes: [{ field, message: `${rule} (got ${JSON.stringify(value)})` }] });
}

export function checkInt(field: string, value: number | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < min) throw bad(field, `must be an integer >= ${min}`, value);
  return value;
}

export function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

export function cancelled(what: string): BerthError {
  return new BerthError('CANCELLED', `${what} was cancelled`);
}

/** Waits `ms`, or fails with CANCELLED as soon as `signal` aborts. */
export function pause(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (aborted(signal)) return reject(cancelled(what));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled(what));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
