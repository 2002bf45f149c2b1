// Proves that `berth server` turns --controllers and --placement into the options it documents:
// all controllers by default, `none`, a chosen list, `*,-name` to leave one out, and a refusal
// naming the flag for an unknown controller or strategy.
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
