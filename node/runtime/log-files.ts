// Container log files: `<dataDir>/pods/<uid>/logs/<name>/<attempt>.log`, written by the container
// process itself (stdout and stderr both, through one O_APPEND descriptor) so that it keeps
// logging while the agent is down. Because the process holds the file open, rotation is
// copytruncate: the file is copied to `<attempt>.log.1` (older copies shift up) and truncated,
// and the O_APPEND writes carry on at offset 0. Whatever is written between the copy and the
// truncate is lost; that is the price of never being in the container's output path.
//
// Disk per container is bounded by (logMaxFiles + 1) × logMaxBytes × instancesKeptPerContainer,
// plus what a container writes within one rotation check interval.
import { existsSync } from 'node:fs';
import { copyFile, open, readdir, rename, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The largest chunk logs() yields (and reads at once). */
export const LOG_CHUNK_BYTES = 64 * 1024;

const NEWLINE = 0x0a;

export function podDir(dataDir: string, podUid: string): string {
  return join(dataDir, 'pods', podUid);
}

export function containerLogDir(dataDir: string, podUid: string, name: string): string {
  return join(podDir(dataDir, podUid), 'logs', name);
}

export function logPath(dataDir: string, podUid: string, name: string, attempt: number): string {
  return join(containerLogDir(dataDir, podUid, name), `${attempt}.log`);
}

/** `<path>.1` … `<path>.<n>`: the rotated copies, newest first. */
function rotatedPath(path: string, n: number): string {
  return `${path}.${n}`;
}

async function sizeOf(path: string): Promise<number | undefined> {
  return stat(path).then(
    (s) => s.size,
    () => undefined,
  );
}

/** The attempts that have a log file, ascending. */
export async function logAttempts(dir: string): Promise<number[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .map((n) => /^(\d+)\.log$/.exec(n)?.[1])
    .filter((a): a is string => a !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Rotates `path` when it has grown past maxBytes: shifts the copies up (dropping the oldest),
 * copies the file to `.1` and truncates it. maxFiles 0 only truncates. Returns whether it rotated.
 */
export async function rotateIfNeeded(path: string, maxBytes: number, maxFiles: number): Promise<boolean> {
  const size = await sizeOf(path);
  if (size === undefined || size <= maxBytes) return false;
  if (maxFiles > 0) {
    await rm(rotatedPath(path, maxFiles), { force: true });
    for (let n = maxFiles - 1; n >= 1; n--) await rename(rotatedPath(path, n), rotatedPath(path, n + 1)).catch(() => undefined);
    await copyFile(path, rotatedPath(path, 1));
  }
  await truncate(path, 0);
  return true;
}

/** Deletes the logs (and their copies) of all but the newest `keep` attempts in a container's log dir. */
export async function pruneLogs(dir: string, keep: number, protect: ReadonlySet<number> = new Set()): Promise<void> {
  const attempts = await logAttempts(dir);
  const old = new Set(attempts.slice(0, Math.max(0, attempts.length - keep)).filter((a) => !protect.has(a)));
  if (old.size === 0) return;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const attempt = /^(\d+)\.log(\.\d+)?$/.exec(name)?.[1];
    if (attempt !== undefined && old.has(Number(attempt))) await rm(join(dir, name), { force: true });
  }
}

/** A byte range of one file to stream. */
export interface LogSegment {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/** The files of one attempt in write order (oldest copy first) with their sizes now. */
async function attemptFiles(path: string, maxFiles: number): Promise<{ path: string; size: number }[]> {
  const files = [];
  for (let n = maxFiles; n >= 1; n--) {
    const size = await sizeOf(rotatedPath(path, n));
    if (size !== undefined) files.push({ path: rotatedPath(path, n), size });
  }
  files.push({ path, size: (await sizeOf(path)) ?? 0 });
  return files;
}

/**
 * Where the last `lines` lines start, reading backwards in LOG_CHUNK_BYTES chunks (memory stays
 * bounded whatever the file sizes). A final newline does not start an empty last line.
 */
async function tailStart(files: { path: string; size: number }[], lines: number): Promise<{ index: number; offset: number }> {
  if (lines <= 0) return { index: files.length - 1, offset: files[files.length - 1]?.size ?? 0 };
  let remaining = lines;
  let last = true;
  const buf = Buffer.alloc(LOG_CHUNK_BYTES);
  for (let i = files.length - 1; i >= 0; i--) {
    const file = files[i]!;
    const fh = await open(file.path, 'r').catch(() => undefined);
    if (fh === undefined) continue;
    try {
      for (let pos = file.size; pos > 0; ) {
        const len = Math.min(LOG_CHUNK_BYTES, pos);
        pos -= len;
        const { bytesRead } = await fh.read(buf, 0, len, pos);
        for (let j = bytesRead - 1; j >= 0; j--) {
          const isLast = last;
          last = false;
          if (buf[j] !== NEWLINE || isLast) continue;
          if (--remaining === 0) return { index: i, offset: pos + j + 1 };
        }
      }
    } finally {
      await fh.close();
    }
  }
  return { index: 0, offset: 0 };
}

/** The segments holding an attempt's log now: all of it, or its last `tailLines` lines. */
export async function logSegments(path: string, maxFiles: number, tailLines?: number): Promise<LogSegment[]> {
  const files = await attemptFiles(path, maxFiles);
  const from = tailLines === undefined ? { index: 0, offset: 0 } : await tailStart(files, tailLines);
  return files.slice(from.index).map((f, k) => ({ path: f.path, start: k === 0 ? from.offset : 0, end: f.size }));
}

/** Streams a byte range of a file in chunks of at most LOG_CHUNK_BYTES; stops early at a short read. */
export async function* readRange(path: string, start: number, end: number): AsyncGenerator<Buffer> {
  if (end <= start) return;
  const fh = await open(path, 'r').catch(() => undefined);
  if (fh === undefined) return;
  try {
    for (let pos = start; pos < end; ) {
      const buf = Buffer.alloc(Math.min(LOG_CHUNK_BYTES, end - pos));
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) return;
      pos += bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

export interface FollowOptions {
  readonly dataDir: string;
  readonly podUid: string;
  readonly name: string;
  readonly maxFiles: number;
  readonly pollMs: number;
  readonly signal: AbortSignal;
}

/** Waits pollMs; false when the signal aborted meanwhile. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
  return !signal.aborted;
}

/**
 * Follows an attempt's log from `offset`: yields what is appended, picks up after a rotation
 * (the file shrank: the part of `.1` past our offset is what we missed, then the file from 0),
 * and moves on to a newer attempt's log when the container restarts. Ends when the signal aborts
 * or the pod's directory is gone.
 */
export async function* followLog(attempt: number, offset: number, opts: FollowOptions): AsyncGenerator<Buffer> {
  let path = logPath(opts.dataDir, opts.podUid, opts.name, attempt);
  let pos = offset;
  while (await pause(opts.pollMs, opts.signal)) {
    if (!existsSync(podDir(opts.dataDir, opts.podUid))) return;
    const size = await sizeOf(path);
    if (size !== undefined && size < pos) {
      if (opts.maxFiles > 0) yield* readRange(rotatedPath(path, 1), pos, (await sizeOf(rotatedPath(path, 1))) ?? 0);
      pos = 0;
    }
    if (size !== undefined && size > pos) {
      for await (const chunk of readRange(path, pos, size)) {
        pos += chunk.length;
        yield chunk;
      }
      continue;
    }
    const newer = (await logAttempts(containerLogDir(opts.dataDir, opts.podUid, opts.name))).find((a) => a > attempt);
    if (newer !== undefined) {
      // The old instance may have written its last line after the size check above.
      yield* readRange(path, pos, (await sizeOf(path)) ?? 0);
      attempt = newer;
      path = logPath(opts.dataDir, opts.podUid, opts.name, attempt);
      pos = 0;
    }
  }
}

/** Cuts a stream of chunks off after `limitBytes` bytes. */
export async function* limitBytes(source: AsyncIterable<Buffer>, limit: number | undefined): AsyncGenerator<Buffer> {
  if (limit === undefined) {
    yield* source;
    return;
  }
  let left = limit;
  if (left <= 0) return;
  for await (const chunk of source) {
    const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
    left -= part.length;
    yield part;
    if (left <= 0) return;
  }
}
