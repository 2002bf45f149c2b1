// The NATS side of `berth up`: with --nats auto, a nats-server child process with JetStream on
// 127.0.0.1 (a remembered or free port, its store and log under DIR); with a URL, that server;
// with off, none. NATS is a projection of the store, so a missing nats-server is a note, not an
// error.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Child, Children } from './up-children.js';
import { findOnPath, portAccepts, waitForListening } from './up-children.js';
import type { NatsMode } from './up-options.js';

/** How long nats-server may take to accept connections. */
export const NATS_READY_TIMEOUT_MS = 15_000;

export type NatsSetup =
  /** berth up started nats-server. */
  | { readonly kind: 'started'; readonly url: string; readonly port: number; readonly child: Child }
  /** Someone else's server (--nats URL). */
  | { readonly kind: 'external'; readonly url: string }
  /** No NATS; `reason` says why, for the banner. */
  | { readonly kind: 'none'; readonly reason: string };

export interface NatsStartOptions {
  readonly dataDir: string;
  readonly logDir: string;
  /** Ports to try first (remembered, then 4222); a free one is chosen when all are taken. */
  readonly preferredPorts: readonly number[];
  readonly freePort: () => Promise<number>;
  /** Where progress notes go (stdout of berth up). */
  readonly note: (line: string) => void;
}

export function natsUrl(setup: NatsSetup): string | undefined {
  return setup.kind === 'none' ? undefined : setup.url;
}

async function choosePort(options: NatsStartOptions): Promise<number> {
  for (const port of options.preferredPorts) {
    if (!(await portAccepts(port, 300))) return port;
  }
  return options.freePort();
}

/** nats-server's flags: JetStream, loopback only, the store under DIR/nats. */
export function natsServerArgs(port: number, storeDir: string): string[] {
  return ['-js', '-a', '127.0.0.1', '-p', String(port), '--store_dir', storeDir];
}

async function startNatsServer(binary: string, children: Children, options: NatsStartOptions): Promise<NatsSetup> {
  const port = await choosePort(options);
  const storeDir = join(options.dataDir, 'nats');
  await mkdir(storeDir, { recursive: true });
  const child = children.start({
    name: 'nats-server',
    command: binary,
    args: natsServerArgs(port, storeDir),
    logFile: join(options.logDir, 'nats-server.log'),
  });
  await waitForListening(child, port, NATS_READY_TIMEOUT_MS);
  return { kind: 'started', url: `nats://127.0.0.1:${port}`, port, child };
}

/** Sets up NATS as --nats says; throws only when a nats-server it started fails to come up. */
export async function setUpNats(mode: NatsMode, children: Children, options: NatsStartOptions): Promise<NatsSetup> {
  switch (mode.mode) {
    case 'off':
      return { kind: 'none', reason: 'off (--nats off)' };
    case 'url':
      return { kind: 'external', url: mode.url };
    case 'auto': {
      const binary = findOnPath('nats-server');
      if (binary === undefined) {
        options.note('note: nats-server is not installed (bash deploy/setup.sh installs it); going on without NATS');
        return { kind: 'none', reason: 'not started (nats-server is not installed)' };
      }
      return startNatsServer(binary, children, options);
    }
  }
}
