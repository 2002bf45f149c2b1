#!/usr/bin/env node
// The `berth` executable: a shim that loads the compiled entry point. It is plain JavaScript so
// that it runs without a build step of its own; the entry point (server/cli-entry.ts) adds the
// server-side commands to the CLI of client/cli/main.ts.
import('../../dist/server/cli-entry.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('cli-entry')) {
    process.stderr.write('berth is not built: run npm run build\n');
    process.exit(1);
  }
  throw err;
});
