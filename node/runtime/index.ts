// The public face of node/runtime/: the Runtime seam, the `process` runtime behind it, and the
// host's capacity and usage for the node's status and heartbeats.
export type * from './types.js';
export { ProcessRuntime, createProcessRuntime, PROCESS_RUNTIME_NAME, PROCESS_RUNTIME_VERSION } from './process-runtime.js';
export { resolveExecutable } from './spawn-target.js';
export { instanceId } from './instance-entry.js';
export { START_ERROR_EXIT_CODE, UNKNOWN_EXIT_CODE, EXEC_TIMEOUT_EXIT_CODE, EXEC_ABORTED_EXIT_CODE, EXEC_NOT_FOUND_EXIT_CODE } from './exit-codes.js';
export { compileProcessRuntimeOptions, DEFAULT_CONTAINER_PATH } from './options.js';
export type { ProcessRuntimeOptions, CompiledProcessRuntimeOptions } from './options.js';
export { hostUsage, hostCapacity, createHostUsageMeter } from './proc.js';
export type { HostUsage } from './proc.js';
export { detectCgroups, removePodCgroups } from './cgroups.js';
export type { CgroupSystem, CgroupPaths } from './cgroups.js';
export { LOG_CHUNK_BYTES } from './log-files.js';
// The runtime that "starts" containers at once and runs nothing (node/simulate.ts, benchmarks).
export { FakeRuntime } from './fake-runtime.js';
