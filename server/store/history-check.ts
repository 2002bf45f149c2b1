// The consistency rules of one key's stored history, checked when a store is opened and when a
// snapshot is restored: a history that breaks them was damaged or written by a bug, and serving
// it would hand out wrong versions.
import type { Version } from './key-index.js';
import { isTombstone } from './key-index.js';

export interface HistoryProblem {
  readonly modRev: number;
  readonly problem: string;
}

function firstProblem(v: Version): string | undefined {
  if (isTombstone(v)) return undefined;
  if (v.createRev < 1 || v.createRev > v.modRev) return `createRevision ${v.createRev} is not in [1, ${v.modRev}]`;
  if ((v.version === 1) !== (v.createRev === v.modRev)) {
    return `version ${v.version} does not fit createRevision ${v.createRev} at revision ${v.modRev}`;
  }
  return undefined;
}

function nextProblem(prev: Version, v: Version): string | undefined {
  if (v.modRev <= prev.modRev) return `revision ${v.modRev} follows revision ${prev.modRev}`;
  if (isTombstone(v)) return isTombstone(prev) ? `deleted at ${v.modRev} after a delete at ${prev.modRev}` : undefined;
  if (isTombstone(prev)) {
    return v.version === 1 && v.createRev === v.modRev ? undefined : `version ${v.version} after a delete is not a new key`;
  }
  if (v.createRev !== prev.createRev || v.version !== prev.version + 1) {
    return `version ${v.version} (created ${v.createRev}) does not follow version ${prev.version} (created ${prev.createRev})`;
  }
  return undefined;
}

/**
 * The first problem of a history in revision order, or undefined. The oldest version may follow
 * history that compaction dropped, so it need not be version 1.
 */
export function historyProblem(history: readonly Version[], revision: number): HistoryProblem | undefined {
  let prev: Version | undefined;
  for (const v of history) {
    if (v.modRev > revision) return { modRev: v.modRev, problem: `version is newer than the store's revision ${revision}` };
    const problem = prev === undefined ? firstProblem(v) : nextProblem(prev, v);
    if (problem !== undefined) return { modRev: v.modRev, problem };
    prev = v;
  }
  return undefined;
}
