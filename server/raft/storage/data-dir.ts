// Opening a replica's one LevelDB, with the checks that turn a damaged data directory into a
// clear DATA_CORRUPT error instead of a silently empty database or an opaque LevelDB message.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Level } from 'level';
import { BerthError } from '../../../client/index.js';

/** The one LevelDB of a replica, shared by the Raft storage (`r/`) and the state machine (`s/`). */
export type DataDb = Level<string, Uint8Array>;

export const REFUSE_TO_START =
  'refusing to start (restore this replica from a snapshot or remove it and re-add it)';

/** A DATA_CORRUPT error in the one format every data-directory check uses. */
export function dataCorrupt(dir: string, what: string, details: Record<string, string>, cause?: unknown): BerthError {
  return new BerthError('DATA_CORRUPT', `data dir ${dir}: ${what}; ${REFUSE_TO_START}`, {
    details: { dataDir: dir, ...details },
    cause,
  });
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/**
 * Before LevelDB opens `dir`: a directory that holds files but no usable `CURRENT` file is a
 * damaged database, not a new one. LevelDB itself would create a fresh empty database there
 * (createIfMissing), and the replica would rejoin with an empty log and vote twice in a term.
 */
export async function checkDataDir(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if (isMissing(err)) return;
    throw err;
  }
  if (names.length === 0) return;
  const currentPath = join(dir, 'CURRENT');
  let current: string;
  try {
    current = await readFile(currentPath, 'utf8');
  } catch (err) {
    if (!isMissing(err)) throw err;
    throw dataCorrupt(dir, `LevelDB file ${currentPath} is missing but the directory holds ${names.length} files`, {
      file: currentPath,
    });
  }
  const manifest = current.trim();
  if (manifest.length === 0) {
    throw dataCorrupt(dir, `LevelDB file ${currentPath} is empty`, { file: currentPath });
  }
  if (!names.includes(manifest)) {
    throw dataCorrupt(dir, `LevelDB file ${currentPath} names ${manifest}, which is missing`, { file: currentPath });
  }
}

/** Opens `db` (if it is not open yet), turning a LevelDB corruption error into DATA_CORRUPT. */
export async function openLevel(db: DataDb): Promise<void> {
  if (db.status === 'open') return;
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === 'LEVEL_CORRUPTION') {
      throw dataCorrupt(db.location, `LevelDB refused to open it: ${cause.message ?? 'corruption'}`, {}, err);
    }
    throw err;
  }
}

/** checkDataDir, then the replica's LevelDB with the encodings the Raft storage and store use. */
export async function openDataDb(dir: string): Promise<DataDb> {
  await checkDataDir(dir);
  const db: DataDb = new Level<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view' });
  await openLevel(db);
  return db;
}
