// The commands of the `berth` executable that live in server/ (client/cli/bin.js adds them to
// the CLI of client/cli, with the agent's from node/).
import type { CliCommand } from '../client/cli/command.js';
import { serverCommand } from './server-command.js';
import { upCommand } from './up-command.js';

/** `bin` is the path of the berth executable, which `berth up` starts its children with. */
export function serverCommands(bin: string): Record<string, CliCommand> {
  return {
    server: { summary: 'run one control-plane replica', run: (argv) => serverCommand(argv) },
    up: { summary: 'start a local cluster in the foreground', run: (argv) => upCommand(argv, bin) },
  };
}
