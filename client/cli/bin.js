#!/usr/bin/env node
// The `berth` executable: a shim that loads the compiled entry points. It is plain JavaScript so
// that it runs without a build step of its own. The CLI of client/cli/main.ts gets the commands
// that live in server/ (server, up) and in node/ (agent); those two folders never import each
// other, so they meet here. Each is loaded only when it runs, so that an agent does not carry
// the server's code (Raft, LevelDB) in its memory, nor a CLI call either.
import { fileURLToPath } from 'node:url';

const load = (path) =>
  import(path).catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
      process.stderr.write('berth is not built: run npm run build\n');
      process.exit(1);
    }
    throw err;
  });

const bin = fileURLToPath(import.meta.url);
const server = () => load('../../dist/server/cli-entry.js').then((m) => m.serverCommands(bin));
const node = () => load('../../dist/node/index.js').then((m) => m.agentCommands());
const lazy = (summary, commands, name) => ({ summary, run: async (argv) => (await commands())[name].run(argv) });

const { runCli } = await load('../../dist/client/cli/main.js');
process.exitCode = await runCli(process.argv.slice(2), {
  server: lazy('run one control-plane replica', server, 'server'),
  up: lazy('start a local cluster in the foreground', server, 'up'),
  agent: lazy('run the node agent of this host', node, 'agent'),
});
