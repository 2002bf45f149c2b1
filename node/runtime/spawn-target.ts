// What to spawn for an argv, for instances and exec sessions alike.
//
// argv[0] is looked up in the env's PATH by us first, as execvp would, so that a missing or
// non-executable command is a StartError (or exec exit code) with Docker's message and not a
// crash. With cgroups (cgroups.ts) the program is started through `/bin/sh -c 'echo $$ >
// cgroup.procs…; exec "$@"'`, so it is in its cgroup before it runs a single instruction.
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CgroupPaths } from './cgroups.js';
import { procsFiles } from './cgroups.js';
import { isErrno } from './errno.js';
import { CGROUP_ATTACH_FAILED_EXIT_CODE } from './exit-codes.js';

/** Quotes a string for /bin/sh. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Why `path` cannot be executed, or undefined when it can. */
function notExecutable(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) return 'is a directory';
    accessSync(path, fsConstants.X_OK);
    return undefined;
  } catch (err) {
    return isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR') ? 'no such file or directory' : 'permission denied';
  }
}

/** Finds argv[0] as execvp would, with the messages Docker gives when it cannot. */
export function resolveExecutable(cmd: string, pathEnv: string, cwd: string): { file: string } | { error: string; notFound: boolean } {
  if (cmd.includes('/')) {
    const file = resolve(cwd, cmd);
    const why = notExecutable(file);
    return why === undefined ? { file } : { error: `exec: "${cmd}": ${why}`, notFound: why === 'no such file or directory' };
  }
  if (cmd !== '') {
    for (const dir of pathEnv.split(':')) {
      const file = resolve(cwd, dir === '' ? '.' : dir, cmd);
      if (notExecutable(file) === undefined) return { file };
    }
  }
  return { error: `exec: "${cmd}": executable file not found in $PATH`, notFound: true };
}

/** The program to spawn: argv itself, or a shell that first moves itself into the cgroup. */
export function spawnTarget(file: string, argv: readonly string[], cgroup: CgroupPaths | undefined): { file: string; args: string[]; argv0: string } {
  const rest = argv.slice(1);
  if (cgroup === undefined) return { file, args: rest, argv0: argv[0] ?? file };
  const attach = procsFiles(cgroup)
    .map((f) => `echo $$ > ${shellQuote(f)}`)
    .join(' && ');
  const script = `${attach} || exit ${CGROUP_ATTACH_FAILED_EXIT_CODE}; exec "$@"`;
  return { file: '/bin/sh', args: ['-c', script, 'sh', file, ...rest], argv0: 'sh' };
}
