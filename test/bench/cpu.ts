// CPU time of processes from /proc/<pid>/stat (Linux), so that the benchmark can report how much
// CPU each system spent per write: on a 2-core machine, CPU per write decides throughput.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** User+system CPU seconds used so far by `pid`; 0 when the process is gone or not on Linux. */
export function cpuSeconds(pid: number): number {
  if (pid <= 0) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime + stime) ? (utime + stime) / USER_HZ : 0;
  } catch {
    return 0;
  }
}

export function cpuSecondsAll(pids: readonly number[]): number[] {
  return pids.map(cpuSeconds);
}

/**
 * CPU seconds the whole machine has been busy (all cores, from /proc/stat), so that CPU used by
 * processes that are not ours during a measurement can be reported; 0 when not on Linux.
 */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
    return Number.isFinite(busy) ? busy / USER_HZ : 0;
  } catch {
    return 0;
  }
}
