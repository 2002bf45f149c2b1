// What the Raft benchmark needs from a system under test (etcd or berth): a 3-member cluster on
// 127.0.0.1 that it can load, whose leader it can find, kill -9 and restart. Both systems are
// driven through this one interface so that they get exactly the same load and the same
// failover procedure.

/** One client (a gRPC channel) to one member. */
export interface Writer {
  /** One replicated write; rejects on error, and at the latest after the writer's timeoutMs. */
  put(key: string, value: Buffer): Promise<void>;
  close(): void;
}

export interface BenchSystem {
  readonly name: string;
  /** Members are numbered 0..size-1. */
  readonly size: number;
  /** Starts all members and waits until a leader accepts writes. */
  start(): Promise<void>;
  /** The version string printed with the results. */
  version(): Promise<string>;
  /** The index of the current leader (waits, bounded, until there is one). */
  leader(): Promise<number>;
  /** `count` clients of member `member`, each put with a deadline of `timeoutMs`. */
  writers(member: number, count: number, timeoutMs: number): Promise<Writer[]>;
  /** The PIDs of the members' processes (for CPU accounting), in member order; 0 when down. */
  pids(): number[];
  /** Sends SIGKILL to the member's process and waits until it has exited. */
  kill(member: number): Promise<void>;
  /** Starts a killed member again with the same data directory. */
  restart(member: number): Promise<void>;
  /** Waits until all members are up, agree on one leader and the cluster accepts writes. */
  waitHealthy(): Promise<void>;
  /** Stops every member (SIGTERM, then SIGKILL). Data directories are removed by the caller. */
  stop(): Promise<void>;
}
