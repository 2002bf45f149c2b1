// What the API services need from a replica, written as interfaces that RaftNode and the Store
// satisfy. The services depend on this seam rather than on the classes, so that what they use is
// visible in one place and the classes can change behind it.
import type { NodeId, Status } from '../raft/core/index.js';
import type { RaftNode } from '../raft/index.js';
import type {
  CommandResult,
  CompactCommand,
  DeleteOp,
  PutOp,
  RangeRequest,
  RangeResult,
  TxnCommand,
  Watch,
  WatchErrorHandler,
  WatchEventHandler,
  WatchRequest,
} from '../store/index.js';

/** A store command as the API proposes it: the driver stamps the request id. */
export type WriteCommand = PutOp | DeleteOp | Omit<TxnCommand, 'requestId'> | Omit<CompactCommand, 'requestId'>;

/** The replica's local copy of the key-value store. */
export interface ApiStore {
  /** Revision of the last change applied here. */
  readonly revision: number;
  /** History below this revision is gone. */
  readonly compactedRevision: number;
  range(req: RangeRequest): Promise<RangeResult>;
  watch(req: WatchRequest, onEvents: WatchEventHandler, onError: WatchErrorHandler): Watch | Promise<Watch>;
}

export interface ApiMember {
  readonly id: NodeId;
  readonly address: string;
  readonly role: 'voter' | 'learner';
}

/** One replica: RaftNode. */
export interface ApiNode {
  readonly id: NodeId;
  readonly store: ApiStore;
  /** Replicates a write through Raft (on any replica: a follower forwards it to the leader). */
  propose(command: WriteCommand): Promise<CommandResult>;
  /** Resolves once this replica has applied everything committed before the call. */
  linearizableRead(): Promise<void>;
  status(): Status;
  /** The current term and leader, cheaply (no progress snapshot). */
  termAndLeader(): { term: number; leader: NodeId };
  /** The member table, read from the local store. */
  members(): Promise<readonly ApiMember[]>;
  addMember(id: NodeId, address: string, onProgress?: (msg: string) => void): Promise<void>;
  removeMember(id: NodeId): Promise<void>;
  transferLeadership(to: NodeId): void;
  onLeaderChange(listener: (leader: NodeId, term: number) => void): () => void;
}

/** Whether this replica is the leader as it knows it now: for work only the leader does. */
export function leads(node: Pick<ApiNode, 'id' | 'termAndLeader'>): boolean {
  return node.termAndLeader().leader === node.id;
}

/** The client address of member `id` (the leader, say), or undefined when it is not known. */
export async function memberAddress(node: Pick<ApiNode, 'members'>, id: string): Promise<string | undefined> {
  if (id === '') return undefined;
  return (await node.members()).find((m) => m.id === id)?.address;
}

/** What registering a service returns. */
export interface ApiService {
  /** Ends the service's open streams with UNAVAILABLE; unary calls finish on their own. Idempotent. */
  close(): void;
}

/** Fails to compile when RaftNode no longer fits the seam. */
const _raftNodeFits: RaftNode extends ApiNode ? true : never = true;
void _raftNodeFits;
