// The client configuration `berth up` leaves in DIR/config for the CLI and the SDK
// (BERTH_CONFIG=DIR/config): the cluster's name, its replicas and, when there is one, NATS.
// The file exists only while the cluster is up: a stale one is removed when berth up starts, the
// new one is written once a leader is elected (so that its appearance means "ready"), and it is
// removed again when berth up stops.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeClientConfig } from '../client/index.js';
import type { ClientConfig } from '../client/index.js';

export function clientConfigFile(dataDir: string): string {
  return join(dataDir, 'config');
}

/** Writes the file atomically, in the SDK's format (client/config.ts). */
export async function writeUpClientConfig(file: string, config: ClientConfig): Promise<void> {
  await writeClientConfig(file, config);
}

export async function removeClientConfig(file: string): Promise<void> {
  await rm(file, { force: true });
}
