#!/usr/bin/env node
// The `berth` executable: a shim that loads the compiled entry points. It is plain JavaScript so
// that it runs without a build step of its own. The CLI of client/cli/main.ts gets the commands
// that live in server/ (server, up) and in node/ (agent); those two folders never import each
// other, so they meet here.
import { fileURLToPath } from 'node:url';

const load = (path) =>
  import(path).catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
      process.stderr.write('berth is not built: run npm run build\n');
      process.exit(1);
    }
    throw err;
  });

const [{ runCli }, server, node] = await Promise.all([
  load('../../dist/client/cli/main.js'),
  load('../../dist/server/cli-entry.js'),
  load('../../dist/node/index.js'),
]);
const bin = fileURLToPath(import.meta.url);
process.exitCode = await runCli(process.argv.slice(2), { ...server.serverCommands(bin), ...node.agentCommands() });
