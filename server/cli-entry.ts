// The real entry point of the `berth` executable (client/cli/bin.js loads its compiled form):
// the CLI of client/cli with the commands that live in server/ added.
import { fileURLToPath } from 'node:url';
import { runCli } from '../client/cli/main.js';
import { serverCommand } from './server-command.js';
import { upCommand } from './up-command.js';

const bin = fileURLToPath(new URL('../../client/cli/bin.js', import.meta.url));

process.exitCode = await runCli(process.argv.slice(2), {
  server: { summary: 'run one control-plane replica', run: (argv) => serverCommand(argv) },
  up: { summary: 'start a local cluster in the foreground', run: (argv) => upCommand(argv, bin) },
});
