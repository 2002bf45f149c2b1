// A one-replica ApiNode for unit tests of what runs on the leader: a real Store on a temporary
// LevelDB, with proposals applied at once as the next entries (no Raft). The replica is always the
// leader unless a test says otherwise. This fakes the declared ApiNode seam (server/api/backend.ts).
import type { ApiNode } from '../../server/api/index.js';
import type { WriteCommand } from '../../server/api/index.js';
import type { CommandResult } from '../../server/store/index.js';
import { encodeCommand, Store } from '../../server/store/index.js';
import type { LevelFixtures } from './level-fixtures.js';

export interface SingleReplica {
  readonly node: ApiNode;
  readonly store: Store;
  /** Whether this replica leads (default true). */
  leading: boolean;
}

export async function singleReplica(fx: LevelFixtures): Promise<SingleReplica> {
  const store = await Store.open(await fx.openDb(fx.tempDir()), {});
  let seq = 0;
  // Entries are applied one proposal at a time, in order, as a log would: concurrent proposals
  // (controllers write many at once) queue behind each other.
  let tail: Promise<unknown> = Promise.resolve();
  const r: SingleReplica = { store, leading: true, node: undefined as unknown as ApiNode };
  const node = {
    id: 'r1',
    store,
    propose(command: WriteCommand): Promise<CommandResult> {
      const data = encodeCommand({ ...command, requestId: { origin: 'r1', seq: ++seq } } as Parameters<typeof encodeCommand>[0]);
      const run = tail.then(async () => {
        const [res] = await store.applyEntries([{ index: store.applied + 1, data }]);
        if (res === undefined || !res.ok) throw res?.ok === false ? res.error : new Error('no result');
        return res.result;
      });
      tail = run.catch(() => undefined);
      return run;
    },
    linearizableRead: () => Promise.resolve(),
    termAndLeader: () => ({ term: 1, leader: r.leading ? 'r1' : 'r2' }),
    members: () => Promise.resolve([]),
    onLeaderChange: () => () => undefined,
  };
  (r as { node: ApiNode }).node = node as unknown as ApiNode;
  return r;
}
