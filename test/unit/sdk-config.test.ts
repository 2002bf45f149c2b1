// Proves where connect() finds the servers: the servers option (or its old name endpoints), then
// BERTH_SERVER, then the config file (the config option, BERTH_CONFIG, ~/.berth/config), and that
// a missing or bad config file is an INVALID_ARGUMENT naming the file and the field; and that
// writeClientConfig writes what loadClientConfig reads.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BerthError, Client, loadClientConfig, writeClientConfig } from '../../client/index.js';
import { compileConnectOptions } from '../../client/options.js';
import type { ConnectEnvironment, ConnectOptions } from '../../client/options.js';

let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'berth-sdk-config-'));
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function write(rel: string, text: string): string {
  const file = join(home, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

function servers(raw: ConnectOptions, env: Record<string, string> = {}): readonly string[] {
  const environment: ConnectEnvironment = { env, homeDir: home };
  return compileConnectOptions(raw, environment).servers;
}

function failure(run: () => unknown): BerthError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(BerthError);
    expect((e as BerthError).code).toBe('INVALID_ARGUMENT');
    return e as BerthError;
  }
  throw new Error('expected a failure');
}

describe('loadClientConfig', () => {
  it('reads the servers and the optional cluster name, and ignores fields it does not know', () => {
    const file = write('c1', '# berth client configuration\ncluster: berth          # optional\nservers:\n  - 127.0.0.1:7001\n  - "[::1]:7002"\nfuture: 1\n');
    expect(loadClientConfig(file, home)).toEqual({ cluster: 'berth', servers: ['127.0.0.1:7001', '[::1]:7002'] });
    const bare = write('c2', 'servers: [h:1]\nnats: nats://127.0.0.1:4222\n');
    expect(loadClientConfig(bare, home)).toEqual({ servers: ['h:1'], nats: 'nats://127.0.0.1:4222' });
  });

  it('names the file (as ~/... under the home folder) and the field of what is wrong', () => {
    write('.berth/config', 'servers:\n  - 127.0.0.1:7001\n  - x\n');
    expect(failure(() => loadClientConfig('~/.berth/config', home)).message).toBe('~/.berth/config: servers[1]: must be host:port (got "x")');
    const cases: Array<[string, string]> = [
      ['', 'must be a YAML mapping with a servers list'],
      ['- a\n', 'must be a YAML mapping with a servers list (got ["a"])'],
      ['cluster: x\n', 'servers: required: a list of host:port'],
      ['servers: h:1\n', 'servers: must be a list of host:port (got "h:1")'],
      ['servers: []\n', 'servers: must list at least one host:port (got [])'],
      ['servers: [h:1]\ncluster: 3\n', 'cluster: must be a non-empty string (got 3)'],
    ];
    for (const [text, message] of cases) {
      const file = write('bad', text);
      expect(failure(() => loadClientConfig(file, home)).message).toBe(`~/bad: ${message}`);
    }
    const yaml = write('yaml', 'servers: [h:1\n');
    expect(failure(() => loadClientConfig(yaml, home)).message).toMatch(/^~\/yaml: not valid YAML: /);
    // Outside the home folder the path is shown as it is.
    expect(failure(() => loadClientConfig(yaml, join(home, 'elsewhere'))).message).toMatch(new RegExp(`^${yaml}: not valid YAML: `));
    expect(failure(() => loadClientConfig(join(home, 'none'), home)).message).toMatch(/^~\/none: no such file/);
  });

  it('reads back what writeClientConfig wrote, creating the folder', async () => {
    const file = join(home, 'deep', 'dir', 'config');
    await writeClientConfig(file, { cluster: 'berth', servers: ['127.0.0.1:7001', '127.0.0.1:7002'] }, home);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# berth client configuration\n')).toBe(true);
    expect(text).toContain('servers:\n  - 127.0.0.1:7001\n');
    expect(loadClientConfig(file, home)).toEqual({ cluster: 'berth', servers: ['127.0.0.1:7001', '127.0.0.1:7002'] });
    await expect(writeClientConfig(file, { servers: ['nope'] }, home)).rejects.toThrow('writeClientConfig: servers[0]: must be host:port (got "nope")');
  });
});

describe('connect(): where the servers come from', () => {
  const file = (): string => write('named', 'servers: [named:1]\n');

  it('takes servers first, endpoints as its old name, and refuses both', () => {
    write('.berth/config', 'servers: [home:1]\n');
    expect(servers({ servers: ['a:1', 'a:1', 'b:2'] }, { BERTH_SERVER: 'env:1' })).toEqual(['a:1', 'b:2']);
    expect(servers({ endpoints: ['c:3'] }, { BERTH_SERVER: 'env:1' })).toEqual(['c:3']);
    expect(failure(() => servers({ servers: ['a:1'], endpoints: ['a:1'] })).message).toMatch(/^connect\.endpoints: is the old name of servers/);
    expect(failure(() => servers({ servers: [] })).message).toBe('connect.servers: must list at least one host:port (got [])');
    expect(failure(() => servers({ servers: ['a:1', 'x'] })).message).toBe('connect.servers[1]: must be host:port (got "x")');
  });

  it('then BERTH_SERVER (comma-separated), then the config option, then BERTH_CONFIG, then ~/.berth/config', () => {
    write('.berth/config', 'cluster: home\nservers: [home:1]\n');
    const named = file();
    const other = write('other', 'servers: [other:1]\n');
    expect(servers({ config: named }, { BERTH_SERVER: 'e1:1, e2:2', BERTH_CONFIG: other })).toEqual(['e1:1', 'e2:2']);
    expect(servers({ config: named }, { BERTH_CONFIG: other })).toEqual(['named:1']);
    expect(servers({}, { BERTH_CONFIG: other, BERTH_SERVER: ' ' })).toEqual(['other:1']);
    expect(servers({}, {})).toEqual(['home:1']);
    expect(compileConnectOptions({}, { env: {}, homeDir: home }).cluster).toBe('home');
    expect(failure(() => servers({}, { BERTH_SERVER: 'e1:1,bad' })).message).toBe('BERTH_SERVER[1]: must be host:port (got "bad")');
  });

  it('says how to name servers when nothing does, and names a missing or bad file given explicitly', () => {
    expect(failure(() => servers({}, {})).message).toBe(
      'no servers: pass servers, set BERTH_SERVER, or write ~/.berth/config (berth up writes one)',
    );
    expect(failure(() => servers({}, { BERTH_CONFIG: join(home, 'missing') })).message).toMatch(/^~\/missing: no such file/);
    write('.berth/config', 'servers: [ok:1, "no port"]\n');
    expect(failure(() => servers({}, {})).message).toBe('~/.berth/config: servers[1]: must be host:port (got "no port")');
  });

  it('makes a client without a call, so that a bad file fails connect() itself', () => {
    const client = new Client({ config: file() }, { env: {}, homeDir: home });
    expect(client.options.servers).toEqual(['named:1']);
    expect(client.options.endpoints).toEqual(['named:1']);
    client.close();
    expect(() => new Client({}, { env: {}, homeDir: home })).toThrow(/^no servers/);
  });
});
