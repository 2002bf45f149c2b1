// The Runtime seam: what the agent needs from whatever runs containers. The `process` runtime
// (process-runtime.ts) runs each container as a process group on the host; an OCI runtime (runc)
// can come later behind the same interface, and benchmarks use a fake one that "starts" at once.
//
// The runtime knows containers, not pods: the pod worker (node/pods/) decides what runs when
// (init containers, restarts, probes) and tells the runtime to start and stop single containers.
// Every container is one *instance*: a restart is a new instance with the next `attempt`.

/** A volume made visible to a container. */
export interface ContainerMount {
  /** The pod's volume name. */
  readonly name: string;
  /** The directory or file on the host that holds the volume's content. */
  readonly hostPath: string;
  /** Where the container expects it (the manifest's mountPath). */
  readonly mountPath: string;
  readonly readOnly: boolean;
}

/** A port the container listens on, after allocation (containerPort 0 got a free port). */
export interface ContainerPortBinding {
  readonly name: string;
  readonly containerPort: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** Everything needed to start one container instance, fully resolved by the pod worker. */
export interface ContainerConfig {
  readonly podUid: string;
  readonly namespace: string;
  readonly podName: string;
  /** The container's name in the pod spec. */
  readonly name: string;
  /** 0 for the first instance; the restart count after that. */
  readonly attempt: number;
  readonly init: boolean;
  /** Kept for display and for an OCI runtime; the process runtime does not use it. */
  readonly image: string;
  /** command + args, with $(VAR) references expanded. Never empty (the pod worker checks). */
  readonly argv: readonly string[];
  /** The whole environment of the process (nothing is inherited from the agent). */
  readonly env: Readonly<Record<string, string>>;
  /** Absolute; the pod worker defaults it to the container's own directory. */
  readonly workingDir: string;
  readonly mounts: readonly ContainerMount[];
  readonly ports: readonly ContainerPortBinding[];
  /** Limits to enforce where the host can (cgroups); undefined: none. */
  readonly memoryLimitBytes?: number;
  readonly cpuLimitMillicores?: number;
}

/** Why a container instance ended, as Kubernetes names it. */
export type ExitReason = 'Completed' | 'Error' | 'OOMKilled' | 'ContainerStatusUnknown' | 'StartError';

export type InstanceState =
  | { readonly state: 'running'; readonly pid: number; readonly startedAt: Date }
  | {
      readonly state: 'exited';
      /** 128 + signal number when a signal ended it, as a shell reports it. */
      readonly exitCode: number;
      /** The signal that ended it, e.g. "SIGKILL". */
      readonly signal?: string;
      readonly reason: ExitReason;
      readonly message?: string;
      readonly startedAt?: Date;
      readonly finishedAt: Date;
    };

/** One container instance as the runtime knows it. */
export interface ContainerInstance {
  /** `<podUid>/<name>/<attempt>`; stable across agent restarts. */
  readonly id: string;
  readonly podUid: string;
  readonly name: string;
  readonly attempt: number;
  readonly init: boolean;
  readonly state: InstanceState;
}

export interface LogOptions {
  /** Keep streaming what the container writes until the signal aborts (or the instance is removed). */
  readonly follow: boolean;
  /** Only the last N lines. */
  readonly tailLines?: number;
  /** The previous instance's log (attempt - 1) instead of the latest one. */
  readonly previous: boolean;
  /** Stop after this many bytes. */
  readonly limitBytes?: number;
  readonly signal: AbortSignal;
}

export interface ExecOptions {
  readonly stdin?: Buffer;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** A running exec: output as it comes, then the exit code. */
export interface ExecSession {
  readonly output: AsyncIterable<{ readonly stream: 'stdout' | 'stderr'; readonly data: Buffer }>;
  /** The command's exit code (124 when the timeout killed it, as `timeout(1)` reports). */
  readonly exitCode: Promise<number>;
}

export interface Usage {
  readonly cpuMillicores: number;
  readonly memoryBytes: number;
}

export interface Runtime {
  /** e.g. "process"; shown in the node's nodeInfo.containerRuntimeVersion as `<name>://<version>`. */
  readonly name: string;
  readonly version: string;
  /**
   * Called once before anything else: finds the instances a previous agent process left (its
   * state is on disk), adopting those still running. Returns them all, running or exited.
   */
  recover(): Promise<ContainerInstance[]>;
  /**
   * Creates and starts an instance. A command that cannot start (not found, not executable, bad
   * working directory) resolves to an exited instance with reason StartError and a message; it
   * does not throw.
   */
  start(config: ContainerConfig): Promise<ContainerInstance>;
  /**
   * SIGTERM to the instance's process group, SIGKILL after graceMs; resolves once it has exited.
   * Stopping an exited instance returns it as it is.
   */
  stop(id: string, graceMs: number): Promise<ContainerInstance>;
  /** Forgets an exited instance and deletes its state (its log stays while the pod exists). */
  remove(id: string): Promise<void>;
  /** Kills whatever is left of the pod and deletes all it has on disk (logs included). */
  removePod(podUid: string): Promise<void>;
  status(id: string): ContainerInstance | undefined;
  list(): ContainerInstance[];
  /** Called whenever an instance exits (also for adopted ones). Returns an unsubscribe function. */
  onExit(listener: (instance: ContainerInstance) => void): () => void;
  logs(podUid: string, container: string, options: LogOptions): AsyncIterable<Buffer>;
  /** Runs argv in the instance's environment (env, working directory, cgroup). */
  exec(id: string, argv: readonly string[], options: ExecOptions): ExecSession;
  /** CPU since the previous call for the same instance, and memory now; undefined when unknown. */
  usage(id: string): Promise<Usage | undefined>;
  /** Releases the runtime's own resources; running instances keep running. */
  close(): Promise<void>;
}
