// Container ports. Pods share the host's network, so a containerPort is bound by the program as
// given; a port with containerPort 0 (or none) gets a free TCP port of the node, found by
// listening on port 0 and closing again. The pod keeps what it got for its whole life, so a
// restarted container listens where the endpoints already point.
import { createServer } from 'node:net';
import type { ContainerPortBinding } from '../runtime/index.js';
import type { ContainerSpec } from './env.js';

/** A free TCP port on `host` (or on every address, when `host` cannot be bound). */
export async function freePort(host: string): Promise<number> {
  try {
    return await listenOnce(host);
  } catch {
    return listenOnce('0.0.0.0');
  }
}

function listenOnce(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error(`no port from listening on ${host}:0`))));
    });
  });
}

function protocolOf(p: string | undefined): ContainerPortBinding['protocol'] {
  return p === 'UDP' || p === 'SCTP' ? p : 'TCP';
}

/**
 * The ports of every container, by container name: given ones as they are, free ones for ports
 * without a number. `kept` holds what an earlier call gave (the same port again after a restart).
 */
export async function allocatePorts(
  containers: readonly ContainerSpec[],
  host: string,
  kept: ReadonlyMap<string, readonly ContainerPortBinding[]> = new Map(),
  pick: (host: string) => Promise<number> = freePort,
): Promise<Map<string, ContainerPortBinding[]>> {
  const out = new Map<string, ContainerPortBinding[]>();
  for (const c of containers) {
    const name = c.name ?? '';
    const before = kept.get(name) ?? [];
    const ports: ContainerPortBinding[] = [];
    for (const [i, p] of (c.ports ?? []).entries()) {
      const given = typeof p.containerPort === 'number' && p.containerPort > 0 ? p.containerPort : undefined;
      const containerPort = given ?? before[i]?.containerPort ?? (await pick(host));
      ports.push({ name: p.name ?? '', containerPort, protocol: protocolOf(p.protocol) });
    }
    out.set(name, ports);
  }
  return out;
}

/** A probe's port: a number, or the name of one of the container's ports; undefined if neither. */
export function resolvePort(port: unknown, ports: readonly ContainerPortBinding[]): number | undefined {
  if (typeof port === 'number') return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  if (typeof port !== 'string' || port === '') return undefined;
  if (/^\d+$/.test(port)) return resolvePort(Number(port), ports);
  return ports.find((p) => p.name === port)?.containerPort;
}
