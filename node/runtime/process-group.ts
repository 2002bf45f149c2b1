// Signalling a process group safely. Instances and exec sessions are each spawned detached, so
// each is its own process group; stopping one, and killing what it leaves behind, is a signal to
// the group. A group id is reused once its members are gone, so the signal is only sent while a
// member that started no earlier than the instance is alive.
import { isErrno } from './errno.js';
import { processGroupAlive } from './proc.js';

/**
 * SIGNALs a process group, but only while a member that started no earlier than the instance
 * is alive: a group whose members are all gone frees its id for reuse by an unrelated program.
 */
export async function signalGroup(pgid: number, minStartTicks: number, signal: NodeJS.Signals): Promise<void> {
  if (pgid <= 0 || !(await processGroupAlive(pgid, minStartTicks))) return;
  try {
    process.kill(-pgid, signal);
  } catch (err) {
    if (!isErrno(err, 'ESRCH')) throw err;
  }
}
