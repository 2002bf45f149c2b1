// Proves that `berth server` turns --controllers and --placement into the options it documents:
// all controllers by default, `none`, a chosen list, `*,-name` to leave one out, and a refusal
// naming the flag for an unknown controller or strategy; the NATS flags (off by default, each
// refused with its name when wrong), a cluster id that must name NATS subjects, and the
// nats-publisher among the controllers.
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../client/index.js';
import { CONTROLLER_NAMES } from '../../server/control-plane.js';
import { parseServerArgs } from '../../server/server-command.js';

const BASE = ['--id', 'r1', '--data', '/tmp/x', '--listen', '127.0.0.1:7000', '--peers', 'r1=127.0.0.1:7000'];

function refusal(extra: string[]): string {
  try {
    parseServerArgs([...BASE, ...extra]);
  } catch (err) {
    expect(isBerthError(err) && err.code === 'INVALID_ARGUMENT').toBe(true);
    return (err as Error).message;
  }
  throw new Error(`parseServerArgs accepted ${JSON.stringify(extra)}`);
}

describe('berth server --controllers', () => {
  it('runs every controller by default and with *', () => {
    expect(parseServerArgs(BASE).controllers).toEqual(CONTROLLER_NAMES);
    expect(parseServerArgs([...BASE, '--controllers', '*']).controllers).toEqual(CONTROLLER_NAMES);
    expect(CONTROLLER_NAMES).toContain('scheduler');
  });

  it('runs none with none, only the listed ones with a list, and leaves out -name', () => {
    expect(parseServerArgs([...BASE, '--controllers', 'none']).controllers).toEqual([]);
    expect(parseServerArgs([...BASE, '--controllers', 'replicaset,scheduler']).controllers).toEqual(['scheduler', 'replicaset']);
    const withoutGc = parseServerArgs([...BASE, '--controllers', '*,-garbage-collector,-cronjob']).controllers;
    expect(withoutGc).toEqual(CONTROLLER_NAMES.filter((n) => n !== 'garbage-collector' && n !== 'cronjob'));
  });

  it('refuses an unknown controller, naming the flag and the known names', () => {
    const message = refusal(['--controllers', 'scheduler,replicasets']);
    expect(message).toContain('--controllers');
    expect(message).toContain('"replicasets"');
    expect(message).toContain('replicaset');
    expect(refusal(['--controllers=-nope'])).toContain('"nope"');
  });
});

describe('berth server --placement', () => {
  it('defaults to spread and accepts binpack', () => {
    expect(parseServerArgs(BASE).placement).toBe('spread');
    expect(parseServerArgs([...BASE, '--placement', 'binpack']).placement).toBe('binpack');
  });

  it('refuses anything else, naming the flag', () => {
    expect(refusal(['--placement', 'random'])).toMatch(/--placement: must be spread or binpack \(got "random"\)/);
  });
});

describe('berth server --nats and --cluster-id', () => {
  it('runs without NATS by default, and takes the NATS flags and --nats-kv-replicas', () => {
    const plain = parseServerArgs(BASE);
    expect(plain.nats).toBeUndefined();
    expect(plain.natsKvReplicas).toBe(1);
    const withNats = parseServerArgs([...BASE, '--nats', 'nats://127.0.0.1:4222,127.0.0.1:4223', '--nats-token', 't0k', '--nats-kv-replicas', '3']);
    expect(withNats.nats).toEqual({ servers: ['nats://127.0.0.1:4222', 'nats://127.0.0.1:4223'], token: 't0k', name: 'berth-server-r1' });
    expect(withNats.natsKvReplicas).toBe(3);
  });

  it('refuses bad NATS flags, naming the flag', () => {
    expect(refusal(['--nats', 'http://x:1'])).toMatch(/^--nats: "http:\/\/x:1" is not nats:\/\/host:port/);
    expect(refusal(['--nats-token', 't0k'])).toBe('--nats-token: needs --nats');
    expect(refusal(['--nats-kv-replicas', '3'])).toBe('--nats-kv-replicas: needs --nats');
    expect(refusal(['--nats', 'nats://a:1', '--nats-kv-replicas', '6'])).toBe('--nats-kv-replicas: must be an integer from 1 to 5 (got "6")');
    expect(refusal(['--nats', 'nats://a:1', '--nats-kv-replicas', '0'])).toBe('--nats-kv-replicas: must be an integer from 1 to 5 (got "0")');
  });

  it('refuses a cluster id that cannot name NATS subjects and a bucket', () => {
    expect(parseServerArgs([...BASE, '--cluster-id', 'prod_eu-1']).clusterId).toBe('prod_eu-1');
    expect(refusal(['--cluster-id', 'prod.eu'])).toBe('--cluster-id: must be 1-63 letters, digits, "-" or "_" (got "prod.eu")');
    expect(refusal(['--cluster-id', ''])).toContain('--cluster-id: must be 1-63');
    expect(refusal(['--cluster-id', 'x'.repeat(64)])).toContain('--cluster-id: must be 1-63');
  });

  it('knows the nats-publisher as a controller, which can be left out', () => {
    expect(CONTROLLER_NAMES).toContain('nats-publisher');
    expect(parseServerArgs([...BASE, '--controllers', 'nats-publisher']).controllers).toEqual(['nats-publisher']);
    expect(parseServerArgs([...BASE, '--controllers', '*,-nats-publisher']).controllers).not.toContain('nats-publisher');
  });
});
