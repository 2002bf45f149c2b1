// Options of the pod workers, compiled once with defaults and checks. Flags are read only in
// agent-command.ts; every pod worker of an agent shares one CompiledPodWorkerOptions.
import { BerthError } from '../../client/index.js';

export interface PodWorkerOptions {
  /** The wait before the first restart of a crashed container; doubled for each crash after. @default 1000 */
  backoffInitialMs?: number;
  /** The longest wait between restarts of a crashing container. @default 60000 */
  backoffMaxMs?: number;
  /** A container that ran at least this long before it ended starts again from backoffInitialMs. @default 60000 */
  backoffResetAfterMs?: number;
  /** How often a pod retries volumes, ConfigMaps and Secrets it could not resolve (changes retry at once). @default 5000 */
  volumeRetryMs?: number;
  /** Grace before SIGKILL when the pod spec sets no terminationGracePeriodSeconds. @default 30 */
  defaultGracePeriodSeconds?: number;
  /** Most bytes of a probe's output (exec output, HTTP body) read before it is cut off. @default 10240 */
  maxProbeOutputBytes?: number;
  /** Longest message (probe failure, config error) put into a container's status. @default 1024 */
  maxStatusMessageChars?: number;
  /** Most files a ConfigMap or Secret volume writes (keys beyond are a config error). @default 1024 */
  maxVolumeFiles?: number;
}

export interface CompiledPodWorkerOptions {
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  readonly backoffResetAfterMs: number;
  readonly volumeRetryMs: number;
  readonly defaultGracePeriodSeconds: number;
  readonly maxProbeOutputBytes: number;
  readonly maxStatusMessageChars: number;
  readonly maxVolumeFiles: number;
}

function invalid(field: string, rule: string, got: unknown): BerthError {
  return new BerthError('INVALID_ARGUMENT', `${field}: ${rule} (got ${JSON.stringify(got)})`, { details: { field } });
}

function int(field: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw invalid(field, `must be an integer >= ${min}`, value);
  return value;
}

export function compilePodWorkerOptions(raw: PodWorkerOptions = {}): CompiledPodWorkerOptions {
  const backoffInitialMs = int('backoffInitialMs', raw.backoffInitialMs ?? 1000, 1);
  const backoffMaxMs = raw.backoffMaxMs ?? Math.max(60_000, backoffInitialMs);
  if (!Number.isSafeInteger(backoffMaxMs) || backoffMaxMs < backoffInitialMs) {
    throw invalid('backoffMaxMs', `must be an integer >= backoffInitialMs (${backoffInitialMs})`, backoffMaxMs);
  }
  return {
    backoffInitialMs,
    backoffMaxMs,
    backoffResetAfterMs: int('backoffResetAfterMs', raw.backoffResetAfterMs ?? 60_000, 1),
    volumeRetryMs: int('volumeRetryMs', raw.volumeRetryMs ?? 5000, 1),
    defaultGracePeriodSeconds: int('defaultGracePeriodSeconds', raw.defaultGracePeriodSeconds ?? 30, 0),
    maxProbeOutputBytes: int('maxProbeOutputBytes', raw.maxProbeOutputBytes ?? 10_240, 1),
    maxStatusMessageChars: int('maxStatusMessageChars', raw.maxStatusMessageChars ?? 1024, 16),
    maxVolumeFiles: int('maxVolumeFiles', raw.maxVolumeFiles ?? 1024, 1),
  };
}
