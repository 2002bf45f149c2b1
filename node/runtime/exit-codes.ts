// The exit codes the `process` runtime reports when the program's own code is not the answer: a
// start that failed, an exit nobody saw, a cgroup that could not be joined, an exec that timed
// out or could not run. They follow Docker and the kubelet, so whoever reads them elsewhere reads
// them the same way here.
import { constants as osConstants } from 'node:os';

/** Exit code of an instance that could not start (as Docker reports it). */
export const START_ERROR_EXIT_CODE = 128;
/** Exit code reported when the real one is unknown (as the kubelet reports it). */
export const UNKNOWN_EXIT_CODE = 137;
/** Exit code of the cgroup-attaching shell when it cannot write cgroup.procs. */
export const CGROUP_ATTACH_FAILED_EXIT_CODE = 125;
export const EXEC_TIMEOUT_EXIT_CODE = 124;
export const EXEC_ABORTED_EXIT_CODE = 137;
export const EXEC_NOT_FOUND_EXIT_CODE = 127;
export const EXEC_NOT_EXECUTABLE_EXIT_CODE = 126;

/** The shell's code for a process ended by a signal: 128 plus the signal's number. */
export function signalExitCode(signal: NodeJS.Signals | null): number {
  return 128 + (signal === null ? 0 : (osConstants.signals[signal] ?? 0));
}
