// One test for "the system call failed with this errno", shared by the runtime's files that stat
// executables (spawn-target.ts) and signal process groups (process-group.ts).

export function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}
