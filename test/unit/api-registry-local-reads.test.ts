// Proves that the registry's writes may start from a replica's own, possibly stale, copy and
// still be right: on a follower that lags the leader, an update lands on top of the newest
// version (its compare-and-swap loses and it reads linearizably), a create in a namespace the
// follower has not seen yet succeeds, an object the follower has not seen yet is found, a change
// that only a stale copy would refuse is made, and "nothing to change" decided on a stale copy
// is checked against the newest one. The follower is two real Stores behind the ApiNode seam:
// the leader's, where proposals apply, and the follower's, which catches up on a read index.
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { InvalidError, resolveKind } from '../../client/index.js';
import type { KubeObject } from '../../client/index.js';
import type { ApiNode, WriteCommand } from '../../server/api/index.js';
import { compileRegistryOptions } from '../../server/api/registry/options.js';
import { ObjectRegistry } from '../../server/api/registry/registry.js';
import { encodeCommand, Store } from '../../server/store/index.js';
import type { CommandResult } from '../../server/store/index.js';
import { levelFixtures } from '../support/level-fixtures.js';

const fx = levelFixtures('berth-local-reads-');
const CM = resolveKind('ConfigMap');

async function lagging() {
  const leader = await Store.open(await fx.openDb(fx.tempDir()), {});
  const follower = await Store.open(await fx.openDb(fx.tempDir()), {});
  const entries: { index: number; data: Uint8Array }[] = [];
  let seq = 0;
  let linearizableReads = 0;
  const catchUp = async (): Promise<void> => {
    const due = entries.filter((e) => e.index > follower.applied);
    if (due.length > 0) await follower.applyEntries(due);
  };
  const node = (store: Store, onRead: () => Promise<void>) =>
    ({
      id: 'r',
      store,
      async propose(command: WriteCommand): Promise<CommandResult> {
        const data = encodeCommand({ ...command, requestId: { origin: 'r', seq: ++seq } } as Parameters<typeof encodeCommand>[0]);
        const entry = { index: leader.applied + 1, data };
        entries.push(entry);
        const [res] = await leader.applyEntries([entry]);
        if (res === undefined || !res.ok) throw res?.ok === false ? res.error : new Error('no result');
        return res.result;
      },
      linearizableRead: onRead,
      termAndLeader: () => ({ term: 1, leader: 'r' }),
      members: () => Promise.resolve([]),
      onLeaderChange: () => () => undefined,
    }) as unknown as ApiNode;
  const opts = compileRegistryOptions({ logger: pino({ level: 'silent' }) });
  const onLeader = new ObjectRegistry(node(leader, () => Promise.resolve()), opts);
  const onFollower = new ObjectRegistry(
    node(follower, async () => {
      linearizableReads++;
      await catchUp();
    }),
    opts,
  );
  await onLeader.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  await catchUp();
  return { onLeader, onFollower, catchUp, reads: () => linearizableReads };
}

const dataOf = (o: KubeObject): Record<string, string> => (o.data ?? {}) as Record<string, string>;
const cm = (name: string, data: Record<string, string>, namespace = 'default'): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });

describe('writes from a replica\'s own copy', () => {
  it('lands an update on top of the newest version when the follower\'s copy is stale', async () => {
    const { onLeader, onFollower, catchUp } = await lagging();
    await onLeader.create(cm('a', { v: '1' }));
    await catchUp();
    await onLeader.modify(CM, 'default', 'a', {}, (cur) => ({ ...cur, data: { ...dataOf(cur), w: '2' } }));
    const out = await onFollower.modify(CM, 'default', 'a', {}, (cur) => ({ ...cur, data: { ...dataOf(cur), x: '3' } }));
    expect(out.changed).toBe(true);
    expect((await onLeader.get(CM, 'default', 'a')).data).toEqual({ v: '1', w: '2', x: '3' });
  });

  it('makes a write from the local copy in one round when that copy is current', async () => {
    const { onLeader, onFollower, catchUp, reads } = await lagging();
    await onLeader.create(cm('b', { v: '1' }));
    await catchUp();
    const before = reads();
    await onFollower.modify(CM, 'default', 'b', {}, (cur) => ({ ...cur, data: { v: '2' } }));
    await onFollower.create(cm('c', { v: '1' }));
    expect(reads()).toBe(before);
  });

  it('finds an object and a namespace that the follower has not applied yet', async () => {
    const { onLeader, onFollower } = await lagging();
    await onLeader.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fresh' } });
    await onLeader.create(cm('d', { v: '1' }));
    await onFollower.create(cm('e', { v: '1' }, 'fresh'));
    const out = await onFollower.modify(CM, 'default', 'd', {}, (cur) => ({ ...cur, data: { v: '2' } }));
    expect(out.object.data).toEqual({ v: '2' });
  });

  it('refuses only on the newest version: a stale copy\'s refusal and "nothing to change" are checked again', async () => {
    const { onLeader, onFollower, catchUp } = await lagging();
    await onLeader.create(cm('f', { v: '1' }));
    await catchUp();
    await onLeader.modify(CM, 'default', 'f', {}, (cur) => ({ ...cur, data: { v: '2' } }));
    // Refused on the stale copy (v=1), fine on the newest (v=2).
    const refused = await onFollower.modify(CM, 'default', 'f', {}, (cur) => {
      if (dataOf(cur)['v'] !== '2') throw new InvalidError('data.v: must be 2');
      return { ...cur, data: { v: '3' } };
    });
    expect(refused.object.data).toEqual({ v: '3' });
    // "Nothing to change" on the stale copy (v=3 there after a catch-up, 4 on the leader) is not believed.
    await catchUp();
    await onLeader.modify(CM, 'default', 'f', {}, (cur) => ({ ...cur, data: { v: '4' } }));
    const same = await onFollower.modify(CM, 'default', 'f', {}, (cur) => ({ ...cur, data: { v: '3' } }));
    expect(same.changed).toBe(true);
    expect((await onLeader.get(CM, 'default', 'f')).data).toEqual({ v: '3' });
  });

  it('refuses a create in a namespace that began terminating after this replica last saw it', async () => {
    const { onLeader, onFollower } = await lagging();
    await onLeader.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'short' } });
    await onFollower.create(cm('g', { v: '1' }, 'short'));
    await onLeader.delete(resolveKind('Namespace'), undefined, 'short', {});
    const err = await onFollower.create(cm('h', { v: '1' }, 'short')).catch((e: unknown) => e);
    expect(String(err)).toMatch(/short.*(terminat|being deleted)/i);
  });
});
