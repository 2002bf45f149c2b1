// Fencing the controllers' writes by leadership epoch. A replica that becomes leader first writes
// the epoch key; every write its controllers make then also compares that key's mod revision. A
// deposed leader's controller write that reaches the log after the next leader wrote its own epoch
// fails the compare, so two leaders' controllers can never both act (no duplicated pod, no step
// taken twice). A write that lost to the fence is reported UNAVAILABLE and the controller stops.
import { BerthError } from '../../client/index.js';
import type { ObjectRegistry } from '../api/index.js';
import { ObjectRegistry as Registry } from '../api/index.js';
import type { CommandResult, Compare, RequestOp } from '../store/index.js';

export const EPOCH_KEY = '/_berth/controllers/epoch';

/** Writes this replica's epoch; resolves to the revision every later controller write compares. */
export async function claimEpoch(reg: ObjectRegistry, term: number): Promise<number> {
  const value = new TextEncoder().encode(JSON.stringify({ leader: reg.node.id, term }));
  const res = await reg.node.propose({ type: 'put', key: EPOCH_KEY, value });
  return res.revision;
}

export class FencedRegistry extends Registry {
  constructor(
    base: ObjectRegistry,
    readonly epochRevision: number,
    /** Told of every successful write: the key and the revision it made. */
    private readonly wrote: (key: string, revision: number) => void,
  ) {
    super(base.node, base.opts);
  }

  override async txn(compare: Compare[], success: RequestOp[], failure: RequestOp[] = []): Promise<CommandResult> {
    const fence: Compare = { key: EPOCH_KEY, target: 'modRevision', op: '=', value: this.epochRevision };
    const res = await super.txn([...compare, fence], success, failure);
    if (res.succeeded === true) {
      for (const op of success) if (op.type === 'put' || op.type === 'delete') this.wrote(op.key, res.revision);
      return res;
    }
    const kv = (await this.node.store.range({ key: EPOCH_KEY })).kvs[0];
    if (kv?.modRevision !== this.epochRevision) throw new BerthError('UNAVAILABLE', 'this replica no longer leads: its controllers\' writes are fenced off');
    return res;
  }
}
