// The NATS flags `berth server` and `berth agent` share, in node:util parseArgs' shape, and the
// NatsOptions they make. Without --nats there is no NATS: the control plane works without it.
import { InvalidError } from '../errors.js';
import type { NatsOptions } from './options.js';
import { parseNatsServers } from './options.js';

export const NATS_FLAGS = {
  nats: { type: 'string' },
  'nats-creds': { type: 'string' },
  'nats-user': { type: 'string' },
  'nats-password': { type: 'string' },
  'nats-token': { type: 'string' },
  'nats-tls-ca': { type: 'string' },
  'nats-tls-cert': { type: 'string' },
  'nats-tls-key': { type: 'string' },
} as const;

/** The lines the usage texts show for NATS_FLAGS. */
export const NATS_FLAGS_USAGE = `  --nats URLS             NATS servers, nats://host:port,...: where endpoints, events and
                          scaling decisions go (default: none, NATS is optional)
  --nats-creds FILE       NATS credentials file (JWT + NKey seed)
  --nats-user USER        NATS user (with --nats-password; or $BERTH_NATS_PASSWORD)
  --nats-token TOKEN      NATS token (or $BERTH_NATS_TOKEN)
  --nats-tls-ca FILE      CA of the NATS servers' certificates
  --nats-tls-cert FILE    client certificate for NATS (with --nats-tls-key)
  --nats-tls-key FILE
`;

type NatsFlagValues = { readonly [K in keyof typeof NATS_FLAGS]?: string | undefined };

function bad(flag: string, message: string): InvalidError {
  return new InvalidError(`--${flag}: ${message}`, { causes: [{ field: `--${flag}`, message }] });
}

/**
 * NatsOptions from the parsed flags (secrets may come from the environment instead, so that they
 * do not show in `ps`), or undefined without --nats. Throws InvalidError naming the flag.
 */
export function natsOptionsFromFlags(values: NatsFlagValues, env: NodeJS.ProcessEnv = process.env, name?: string): NatsOptions | undefined {
  const others = (Object.keys(NATS_FLAGS) as (keyof typeof NATS_FLAGS)[]).filter((k) => k !== 'nats' && values[k] !== undefined);
  if (values.nats === undefined) {
    if (others.length > 0) throw bad(others[0]!, 'needs --nats');
    return undefined;
  }
  const servers = parseNatsServers(values.nats, '--nats');
  const pass = values['nats-password'] ?? env.BERTH_NATS_PASSWORD;
  const token = values['nats-token'] ?? env.BERTH_NATS_TOKEN;
  const user = values['nats-user'];
  if (pass !== undefined && user === undefined) throw bad('nats-password', 'needs --nats-user');
  if (user !== undefined && pass === undefined) throw bad('nats-user', 'needs --nats-password (or $BERTH_NATS_PASSWORD)');
  const ways = [values['nats-creds'] !== undefined, user !== undefined, token !== undefined].filter(Boolean).length;
  if (ways > 1) throw bad('nats-creds', 'use one of --nats-creds, --nats-user/--nats-password and --nats-token');
  const cert = values['nats-tls-cert'];
  const key = values['nats-tls-key'];
  if ((cert === undefined) !== (key === undefined)) throw bad(cert === undefined ? 'nats-tls-key' : 'nats-tls-cert', 'needs --nats-tls-cert and --nats-tls-key together');
  const ca = values['nats-tls-ca'];
  for (const flag of ['nats-creds', 'nats-tls-ca', 'nats-tls-cert', 'nats-tls-key'] as const) {
    if (values[flag] === '') throw bad(flag, 'must name a file');
  }
  return {
    servers,
    ...(values['nats-creds'] === undefined ? {} : { credsFile: values['nats-creds'] }),
    ...(user === undefined ? {} : { user, pass }),
    ...(token === undefined ? {} : { token }),
    ...(ca === undefined && cert === undefined ? {} : { tls: { caFile: ca, certFile: cert, keyFile: key } }),
    ...(name === undefined ? {} : { name }),
  };
}
