// The `nats` option of connect(): a server list as text ("nats://a:4222,nats://b:4222"), as an
// array, or NatsOptions with credentials and TLS. Checked up front with errors that name the option
// and the entry at fault.
import { InvalidError } from '../errors.js';
import type { NatsOptions } from '../nats/options.js';
import { MAX_NATS_SERVERS, parseNatsServers } from '../nats/options.js';

/** What the `nats` option of connect() takes (false: never use NATS). */
export type NatsOption = string | readonly string[] | NatsOptions | false;

function bad(field: string, rule: string, value: unknown): InvalidError {
  const message = `${rule} (got ${JSON.stringify(value)})`;
  return new InvalidError(`${field}: ${message}`, { causes: [{ field, message }] });
}

function serverList(list: unknown, field: string): string[] {
  if (!Array.isArray(list) || list.length === 0) throw bad(field, 'must list at least one nats://host:port', list);
  const servers = list.flatMap((s: unknown, i) => {
    if (typeof s !== 'string') throw bad(`${field}[${i}]`, 'must be nats://host:port', s);
    return parseNatsServers(s, `${field}[${i}]`);
  });
  if (servers.length > MAX_NATS_SERVERS) throw bad(field, `must list at most ${MAX_NATS_SERVERS} servers`, servers.length);
  return servers;
}

function optionalString(o: Record<string, unknown>, key: string, field: string): void {
  const v = o[key];
  if (v !== undefined && (typeof v !== 'string' || v === '')) throw bad(`${field}.${key}`, 'must be a non-empty string', v);
}

function checkedOptions(o: NatsOptions, field: string): NatsOptions {
  const rec = o as unknown as Record<string, unknown>;
  const servers = serverList(rec['servers'], `${field}.servers`);
  for (const key of ['credsFile', 'user', 'pass', 'token', 'name']) optionalString(rec, key, field);
  if ((o.user === undefined) !== (o.pass === undefined)) throw bad(`${field}.${o.user === undefined ? 'user' : 'pass'}`, 'user and pass go together', 'one of them');
  const tls = rec['tls'];
  if (tls !== undefined) {
    if (typeof tls !== 'object' || tls === null) throw bad(`${field}.tls`, 'must be an object with caFile, certFile, keyFile', tls);
    for (const key of ['caFile', 'certFile', 'keyFile']) optionalString(tls as Record<string, unknown>, key, `${field}.tls`);
  }
  return { ...o, servers };
}

/** NatsOptions from the option's value, or undefined for false. Throws InvalidError naming `field`. */
export function compileNatsOption(value: NatsOption, field: string): NatsOptions | undefined {
  if (value === false) return undefined;
  if (typeof value === 'string') return { servers: parseNatsServers(value, field) };
  if (Array.isArray(value)) return { servers: serverList(value, field) };
  if (typeof value === 'object' && value !== null) return checkedOptions(value as NatsOptions, field);
  throw bad(field, 'must be nats://host:port[,...], a list of them, NatsOptions or false', value);
}
