// Temporary LevelDB databases for tests: a fresh directory each, opened with the encodings the
// server uses, closed and removed after each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Level } from 'level';
import { afterEach } from 'vitest';
import type { StoreDb } from '../../server/store/index.js';

export interface LevelFixtures {
  /** A new empty directory, removed after the test. */
  tempDir(): string;
  /** The LevelDB in `dir`, opened; closed after the test (before its directory is removed). */
  openDb(dir: string): Promise<StoreDb>;
}

/** Call at the top level of a test file: registers the afterEach that cleans up. */
export function levelFixtures(prefix: string): LevelFixtures {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return {
    tempDir: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
    openDb: async (dir) => {
      const db = new Level<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view' });
      await db.open();
      cleanups.push(() => db.close());
      return db;
    },
  };
}
