// Reading an instance's log through the Runtime seam (the current or previous attempt, a tail,
// a byte limit, following), and rotating running instances' logs. The files themselves, their
// segments and rotation are log-files.ts; this is the part that knows instances.
import { BerthError } from '../../client/index.js';
import { checkSegment } from './instance-entry.js';
import { containerLogDir, followLog, limitBytes, logAttempts, logPath, logSegments, readRange, rotateIfNeeded } from './log-files.js';
import type { RuntimeContext } from './runtime-context.js';
import type { LogOptions } from './types.js';

/** Where following starts: the end of what was read of this attempt's log. */
interface FollowFrom {
  podUid: string;
  container: string;
  attempt: number;
  offset: number;
}

export async function* readLogs(ctx: RuntimeContext, podUid: string, container: string, options: LogOptions): AsyncGenerator<Buffer> {
  checkSegment('podUid', podUid);
  checkSegment('container', container);
  const attempts = await logAttempts(containerLogDir(ctx.opts.dataDir, podUid, container));
  if (attempts.length === 0) throw new BerthError('NOT_FOUND', `container "${container}" in pod ${podUid} not found`);
  const attempt = options.previous ? attempts[attempts.length - 2] : attempts[attempts.length - 1];
  if (attempt === undefined) throw new BerthError('NOT_FOUND', `previous terminated container "${container}" in pod ${podUid} not found`);
  const path = logPath(ctx.opts.dataDir, podUid, container, attempt);
  const segments = await logSegments(path, ctx.opts.logMaxFiles, options.tailLines);
  const end = segments[segments.length - 1]?.end ?? 0;
  const follow = options.follow && !options.previous;
  yield* limitBytes(logStream(ctx, segments, follow ? { podUid, container, attempt, offset: end } : undefined, options.signal), options.limitBytes);
}

async function* logStream(ctx: RuntimeContext, segments: { path: string; start: number; end: number }[], follow: FollowFrom | undefined, signal: AbortSignal): AsyncGenerator<Buffer> {
  for (const s of segments) {
    for await (const chunk of readRange(s.path, s.start, s.end)) {
      if (signal.aborted) return;
      yield chunk;
    }
  }
  if (follow === undefined) return;
  const opts = { dataDir: ctx.opts.dataDir, podUid: follow.podUid, name: follow.container, maxFiles: ctx.opts.logMaxFiles, pollMs: ctx.opts.logFollowPollMs, signal };
  yield* followLog(follow.attempt, follow.offset, opts);
}

/** Copytruncate for every running instance's log above logMaxBytes. */
export async function rotateRunningLogs(ctx: RuntimeContext): Promise<void> {
  for (const e of ctx.entries.values()) {
    if (e.record.exited !== undefined) continue;
    const path = logPath(ctx.opts.dataDir, e.record.podUid, e.record.name, e.record.attempt);
    await rotateIfNeeded(path, ctx.opts.logMaxBytes, ctx.opts.logMaxFiles).catch((err: unknown) => ctx.log.warn({ err, path }, 'rotating a log failed'));
  }
}
