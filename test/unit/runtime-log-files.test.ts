// Proves that container log files rotate at their size bound, that old attempts are pruned, and that tail, limit and follow read them correctly (rotation and restarts included).
import { appendFile, mkdir, mkdtemp, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followLog, limitBytes, LOG_CHUNK_BYTES, logAttempts, logPath, logSegments, pruneLogs, readRange, rotateIfNeeded } from '../../node/runtime/log-files.js';
import { waitFor } from '../support/procs.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-logs-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(source: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of source) parts.push(chunk);
  return Buffer.concat(parts).toString();
}

async function read(path: string, maxFiles: number, tailLines?: number): Promise<string> {
  let out = '';
  for (const s of await logSegments(path, maxFiles, tailLines)) out += await collect(readRange(s.path, s.start, s.end));
  return out;
}

describe('rotateIfNeeded', () => {
  it('rotates only above the bound, shifts copies and keeps at most maxFiles of them', async () => {
    const path = join(dir, '0.log');
    await writeFile(path, 'x'.repeat(100));
    expect(await rotateIfNeeded(path, 100, 2)).toBe(false);
    await appendFile(path, 'y');
    expect(await rotateIfNeeded(path, 100, 2)).toBe(true);
    expect((await stat(path)).size).toBe(0);
    expect((await stat(`${path}.1`)).size).toBe(101);
    await writeFile(path, 'z'.repeat(150));
    expect(await rotateIfNeeded(path, 100, 2)).toBe(true);
    await writeFile(path, 'w'.repeat(120));
    expect(await rotateIfNeeded(path, 100, 2)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['0.log', '0.log.1', '0.log.2']);
    expect((await stat(`${path}.1`)).size).toBe(120);
    expect((await stat(`${path}.2`)).size).toBe(150);
  });

  it('with maxFiles 0 only truncates', async () => {
    const path = join(dir, '0.log');
    await writeFile(path, 'x'.repeat(10));
    expect(await rotateIfNeeded(path, 5, 0)).toBe(true);
    expect(await readdir(dir)).toEqual(['0.log']);
    expect((await stat(path)).size).toBe(0);
  });
});

describe('pruneLogs', () => {
  it('keeps the newest attempts (with their rotated copies) and protected ones', async () => {
    for (const name of ['0.log', '0.log.1', '1.log', '2.log', '3.log', '3.log.1']) await writeFile(join(dir, name), name);
    await pruneLogs(dir, 2, new Set([1]));
    expect((await readdir(dir)).sort()).toEqual(['1.log', '2.log', '3.log', '3.log.1']);
    expect(await logAttempts(dir)).toEqual([1, 2, 3]);
  });
});

describe('logSegments', () => {
  it('tails lines across the rotated copy, with or without a final newline', async () => {
    const path = join(dir, '0.log');
    await writeFile(`${path}.1`, 'a\nb\n');
    await writeFile(path, 'c\nd\n');
    expect(await read(path, 1)).toBe('a\nb\nc\nd\n');
    expect(await read(path, 1, 1)).toBe('d\n');
    expect(await read(path, 1, 3)).toBe('b\nc\nd\n');
    expect(await read(path, 1, 10)).toBe('a\nb\nc\nd\n');
    expect(await read(path, 1, 0)).toBe('');
    await appendFile(path, 'partial');
    expect(await read(path, 1, 2)).toBe('d\npartial');
    expect(await read(path, 0, 10)).toBe('c\nd\npartial');
  });

  it('finds the last lines of a file many chunks long', async () => {
    const path = join(dir, '0.log');
    const lines = Array.from({ length: 60_000 }, (_, i) => `line ${i}`);
    await writeFile(path, `${lines.join('\n')}\n`);
    expect((await stat(path)).size).toBeGreaterThan(5 * LOG_CHUNK_BYTES);
    expect(await read(path, 1, 3)).toBe('line 59997\nline 59998\nline 59999\n');
    expect((await read(path, 1, 20_000)).split('\n')[0]).toBe('line 40000');
  });

  it('reads in chunks of at most LOG_CHUNK_BYTES', async () => {
    const path = join(dir, '0.log');
    await writeFile(path, Buffer.alloc(3 * LOG_CHUNK_BYTES + 5, 0x61));
    const sizes: number[] = [];
    for await (const c of readRange(path, 0, 3 * LOG_CHUNK_BYTES + 5)) sizes.push(c.length);
    expect(sizes).toEqual([LOG_CHUNK_BYTES, LOG_CHUNK_BYTES, LOG_CHUNK_BYTES, 5]);
  });
});

describe('limitBytes', () => {
  it('stops after the limit, in the middle of a chunk', async () => {
    async function* chunks(): AsyncGenerator<Buffer> {
      yield Buffer.from('hello ');
      yield Buffer.from('world');
    }
    expect(await collect(limitBytes(chunks(), 8))).toBe('hello wo');
    expect(await collect(limitBytes(chunks(), 0))).toBe('');
    expect(await collect(limitBytes(chunks(), undefined))).toBe('hello world');
  });
});

describe('followLog', () => {
  it('follows appends, a copytruncate rotation and a newer attempt, and ends with the pod dir', async () => {
    const dataDir = dir;
    const uid = 'pod1';
    const p0 = logPath(dataDir, uid, 'c', 0);
    await mkdir(join(dataDir, 'pods', uid, 'logs', 'c'), { recursive: true });
    await writeFile(p0, 'old\n');
    const ac = new AbortController();
    let seen = '';
    const done = (async () => {
      for await (const chunk of followLog(0, 4, { dataDir, podUid: uid, name: 'c', maxFiles: 1, pollMs: 20, signal: ac.signal })) seen += chunk.toString();
    })();
    await appendFile(p0, 'one\n');
    await waitFor(() => seen === 'one\n', { what: 'the appended line', timeoutMs: 10_000 });
    // A rotation: what was appended just before the copy is found in .1, then the file from 0.
    await appendFile(p0, 'two\n');
    await rotateIfNeeded(p0, 1, 1);
    await appendFile(p0, 'three\n');
    await waitFor(() => seen.endsWith('three\n'), { what: 'the line after rotation', timeoutMs: 10_000 });
    expect(seen).toBe('one\ntwo\nthree\n');
    await writeFile(logPath(dataDir, uid, 'c', 1), 'restarted\n');
    await waitFor(() => seen.endsWith('restarted\n'), { what: "the new attempt's line", timeoutMs: 10_000 });
    await rm(join(dataDir, 'pods', uid), { recursive: true });
    await done;
    expect(ac.signal.aborted).toBe(false);
  });

  it('handles a plain truncation and ends when the signal aborts', async () => {
    const uid = 'pod2';
    const p0 = logPath(dir, uid, 'c', 0);
    await mkdir(join(dir, 'pods', uid, 'logs', 'c'), { recursive: true });
    await writeFile(p0, '');
    const ac = new AbortController();
    let seen = '';
    const done = (async () => {
      for await (const chunk of followLog(0, 0, { dataDir: dir, podUid: uid, name: 'c', maxFiles: 0, pollMs: 20, signal: ac.signal })) seen += chunk.toString();
    })();
    await appendFile(p0, 'abcdef\n');
    await waitFor(() => seen === 'abcdef\n', { what: 'first line', timeoutMs: 10_000 });
    await truncate(p0, 0);
    await appendFile(p0, 'x\n');
    await waitFor(() => seen === 'abcdef\nx\n', { what: 'the line after truncation', timeoutMs: 10_000 });
    ac.abort();
    await done;
  });
});
