// Proves that `berth up` compiles its flags into the options it documents (defaults, --dir as
// an alias of --data, the NATS modes) and refuses every bad value with a message naming the
// flag; that the ports remembered in DIR/ports.json win over new ones and contradicting flags
// are refused; and that the client config has the documented format.
import { describe, expect, it } from 'vitest';
import { isBerthError, renderClientConfig } from '../../client/index.js';
import { parseNatsFlag, parseUpArgs, wantsHelp } from '../../server/up-options.js';
import { NATS_DEFAULT_PORT, natsPortCandidates, parseSavedPorts, planReplicaPorts } from '../../server/up-state.js';

const CWD = '/home/u/project';

/** The message parseUpArgs throws for `argv`, checking that it is an INVALID_ARGUMENT. */
function refusal(argv: string[]): string {
  try {
    parseUpArgs(argv, CWD);
  } catch (err) {
    expect(isBerthError(err) && err.code === 'INVALID_ARGUMENT').toBe(true);
    return (err as Error).message;
  }
  throw new Error(`parseUpArgs accepted ${JSON.stringify(argv)}`);
}

describe('parseUpArgs defaults and values', () => {
  it('defaults to 3 replicas, 2 agents, NATS auto, .berth/local under the working directory, free ports', () => {
    expect(parseUpArgs([], CWD)).toEqual({
      dataDir: '/home/u/project/.berth/local',
      replicas: 3,
      agents: 2,
      nats: { mode: 'auto' },
      basePort: undefined,
    });
  });

  it('takes every flag', () => {
    const o = parseUpArgs(['--data', 'c1', '--replicas', '5', '--agents', '0', '--nats', 'off', '--base-port', '7001'], CWD);
    expect(o).toEqual({ dataDir: '/home/u/project/c1', replicas: 5, agents: 0, nats: { mode: 'off' }, basePort: 7001 });
  });

  it('accepts --flag=value and an absolute --data, and --dir as an alias of --data', () => {
    expect(parseUpArgs(['--data=/srv/berth/', '--replicas=1'], CWD)).toMatchObject({ dataDir: '/srv/berth', replicas: 1 });
    expect(parseUpArgs(['--dir', '../other'], CWD).dataDir).toBe('/home/u/other');
  });

  it('allows the base port range to end exactly at 65535', () => {
    expect(parseUpArgs(['--base-port', '65533'], CWD).basePort).toBe(65533);
    expect(parseUpArgs(['--replicas', '1', '--base-port', '65535'], CWD).basePort).toBe(65535);
  });

  it('recognises --help and -h anywhere', () => {
    expect(wantsHelp(['--data', 'x', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['--data', 'x'])).toBe(false);
  });
});

describe('parseUpArgs refusals name the flag', () => {
  it.each([
    [['--replicas', '2'], '--replicas: must be 1, 3 or 5 (got "2")'],
    [['--replicas', 'three'], '--replicas: must be 1, 3 or 5 (got "three")'],
    [['--replicas', '3.0'], '--replicas: must be 1, 3 or 5 (got "3.0")'],
    [['--agents', '65'], '--agents: at most 64 on one machine (got 65)'],
    [['--agents=-1'], '--agents: must be an integer >= 0 (got "-1")'],
    [['--agents', 'x'], '--agents: must be an integer >= 0 (got "x")'],
    [['--base-port', '80'], '--base-port: must be an integer in 1024..65533 for 3 replicas (got "80")'],
    [['--base-port', '65534'], '--base-port: must be an integer in 1024..65533 for 3 replicas (got "65534")'],
    [['--base-port', '0x1f90'], '--base-port: must be an integer in 1024..65533 for 3 replicas (got "0x1f90")'],
    [['--replicas', '5', '--base-port', '65532'], '--base-port: must be an integer in 1024..65531 for 5 replicas (got "65532")'],
    [['--data', ''], '--data: must be a directory path (got "")'],
    [['--data', 'a', '--dir', 'b'], '--data: --dir is another name for it; give one of them'],
    [['--nats', 'localhost:4222'], '--nats: must be auto, off or nats://host:port[,nats://host:port...] (got "localhost:4222")'],
  ])('%j', (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  it('refuses unknown flags, missing values and positional arguments', () => {
    expect(refusal(['--replica', '3'])).toBe('--replica: unknown flag (see berth up --help)');
    expect(refusal(['--replicas'])).toBe('--replicas: needs a value');
    expect(refusal(['--data', '--replicas', '3'])).toBe('--data: needs a value (write --data=VALUE for one that starts with "-")');
    expect(refusal(['now'])).toBe('unexpected argument "now": berth up takes only flags');
  });
});

describe('--nats', () => {
  it('is auto by default and when asked, off when asked', () => {
    expect(parseNatsFlag(undefined)).toEqual({ mode: 'auto' });
    expect(parseNatsFlag('auto')).toEqual({ mode: 'auto' });
    expect(parseNatsFlag('off')).toEqual({ mode: 'off' });
  });

  it('takes one or more nats://host:port URLs', () => {
    expect(parseNatsFlag('nats://127.0.0.1:4222')).toEqual({ mode: 'url', url: 'nats://127.0.0.1:4222' });
    expect(parseNatsFlag('nats://n1.example:4222, nats://[::1]:4223')).toEqual({ mode: 'url', url: 'nats://n1.example:4222,nats://[::1]:4223' });
  });

  it.each(['nats://host', 'nats://host:0', 'nats://host:65536', 'http://host:4222', 'nats://:4222', 'nats://a b:4222', 'nats://h:4222,', ''])(
    'refuses %j naming the bad part',
    (raw) => {
      expect(() => parseNatsFlag(raw)).toThrow(/^--nats: must be auto, off or nats:\/\/host:port/);
    },
  );

  it('quotes the bad member of a list', () => {
    expect(() => parseNatsFlag('nats://a:1,nats://b')).toThrow('(got "nats://b")');
  });
});

describe('ports.json', () => {
  it('reads the current format and the older bare array, and ignores garbage', () => {
    expect(parseSavedPorts('{"replicas":[7001,7002,7003],"nats":4222}')).toEqual({ replicas: [7001, 7002, 7003], nats: 4222 });
    expect(parseSavedPorts('{"replicas":[7001]}')).toEqual({ replicas: [7001] });
    expect(parseSavedPorts('[7001,7002,7003]')).toEqual({ replicas: [7001, 7002, 7003] });
    for (const bad of ['', '{', '[]', '[0]', '[70000]', '{"replicas":"7001"}', 'null', '{"replicas":[1.5]}']) {
      expect(parseSavedPorts(bad)).toBeUndefined();
    }
  });

  it('plans free ports for a new cluster without --base-port, the base range with it', () => {
    expect(planReplicaPorts(undefined, 3, undefined, '/d')).toBeUndefined();
    expect(planReplicaPorts(undefined, 3, 9000, '/d')).toEqual([9000, 9001, 9002]);
  });

  it('keeps the remembered ports, also when --base-port says the same', () => {
    const saved = { replicas: [7001, 7002, 7003] };
    expect(planReplicaPorts(saved, 3, undefined, '/d')).toEqual([7001, 7002, 7003]);
    expect(planReplicaPorts(saved, 3, 7001, '/d')).toEqual([7001, 7002, 7003]);
  });

  it('refuses flags that contradict the cluster in DIR', () => {
    const saved = { replicas: [7001, 7002, 7003] };
    expect(() => planReplicaPorts(saved, 5, undefined, '/d')).toThrow(/^--replicas: \/d holds a cluster of 3 replicas/);
    expect(() => planReplicaPorts(saved, 3, 8001, '/d')).toThrow(/^--base-port: the cluster in \/d listens on 7001, 7002, 7003/);
  });

  it('tries the remembered NATS port, then 4222, never a replica port', () => {
    expect(natsPortCandidates({ replicas: [7001], nats: 5000 }, [7001])).toEqual([5000, NATS_DEFAULT_PORT]);
    expect(natsPortCandidates(undefined, [7001])).toEqual([NATS_DEFAULT_PORT]);
    expect(natsPortCandidates({ replicas: [4222], nats: 4222 }, [4222])).toEqual([]);
  });
});

describe('client config', () => {
  it('is written in the documented format (the SDK writes it), with nats only when there is one', () => {
    expect(renderClientConfig({ cluster: 'berth', servers: ['127.0.0.1:7001', '127.0.0.1:7002'], nats: 'nats://127.0.0.1:4222' })).toBe(
      '# berth client configuration\ncluster: berth\nservers:\n  - 127.0.0.1:7001\n  - 127.0.0.1:7002\nnats: nats://127.0.0.1:4222\n',
    );
    expect(renderClientConfig({ cluster: 'berth', servers: ['127.0.0.1:7001'] })).not.toContain('nats');
  });
});
