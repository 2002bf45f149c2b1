// Proves that volumes are made on the host as the pod spec asks: ConfigMap and Secret files (keys,
// items, modes, base64 content), rewrites that replace changed files and drop stale ones, optional
// objects that may be missing, hostPath type checks, emptyDir directories, and node-local
// persistentVolumeClaim directories that outlive the pod.
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import type { SourceKind } from '../../node/pods/env.js';
import { claimDir, claimsDirOf, prepareVolume, writeFiles } from '../../node/pods/volumes.js';
import type { VolumeContext } from '../../node/pods/volumes.js';

let dir: string;
let objects: Map<string, KubeObject>;

function ctx(maxFiles = 100): VolumeContext {
  return { podDir: join(dir, 'pods', 'uid-1'), namespace: 'default', claimsDir: claimsDirOf(join(dir, 'pods')), lookup: (kind: SourceKind, name: string) => Promise.resolve(objects.get(`${kind}/${name}`)), maxFiles };
}

function cm(name: string, data: Record<string, string>, binaryData?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data, ...(binaryData ? { binaryData } : {}) };
}

async function mode(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-pods-volumes-'));
  objects = new Map();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('configMap and secret volumes', () => {
  it('writes one file per key with the default mode 0644, binaryData decoded', async () => {
    objects.set('ConfigMap/cfg', cm('cfg', { 'app.conf': 'a=1\n', other: 'x' }, { 'logo.bin': Buffer.from([0, 1, 2]).toString('base64') }));
    const r = await prepareVolume({ name: 'config', configMap: { name: 'cfg' } }, ctx());
    expect(r).toEqual({ ok: true, volume: { name: 'config', hostPath: join(dir, 'pods', 'uid-1', 'volumes', 'config') } });
    const vdir = join(dir, 'pods', 'uid-1', 'volumes', 'config');
    expect((await readdir(vdir)).sort()).toEqual(['app.conf', 'logo.bin', 'other']);
    expect(await readFile(join(vdir, 'app.conf'), 'utf8')).toBe('a=1\n');
    expect([...(await readFile(join(vdir, 'logo.bin')))]).toEqual([0, 1, 2]);
    expect(await mode(join(vdir, 'app.conf'))).toBe(0o644);
  });

  it('maps items to paths (nested too) with their own modes over defaultMode', async () => {
    objects.set('ConfigMap/cfg', cm('cfg', { a: 'A', b: 'B', c: 'C' }));
    const r = await prepareVolume({ name: 'v', configMap: { name: 'cfg', defaultMode: 0o600, items: [{ key: 'a', path: 'conf/a.txt' }, { key: 'b', path: 'b.sh', mode: 0o755 }] } }, ctx());
    expect(r.ok).toBe(true);
    const vdir = join(dir, 'pods', 'uid-1', 'volumes', 'v');
    expect(await readFile(join(vdir, 'conf', 'a.txt'), 'utf8')).toBe('A');
    expect(await mode(join(vdir, 'conf', 'a.txt'))).toBe(0o600);
    expect(await mode(join(vdir, 'b.sh'))).toBe(0o755);
    expect((await readdir(vdir)).sort()).toEqual(['b.sh', 'conf']);
  });

  it('refuses an item whose key is missing, or whose path escapes the volume', async () => {
    objects.set('ConfigMap/cfg', cm('cfg', { a: 'A' }));
    await expect(prepareVolume({ name: 'v', configMap: { name: 'cfg', items: [{ key: 'zz', path: 'z' }] } }, ctx())).resolves.toEqual({ ok: false, message: 'configmap "cfg" has no key "zz"' });
    const esc = await prepareVolume({ name: 'v', configMap: { name: 'cfg', items: [{ key: 'a', path: '../a' }] } }, ctx());
    expect(esc.ok).toBe(false);
  });

  it('decodes Secret data from base64', async () => {
    objects.set('Secret/creds', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, data: { token: Buffer.from('t0k3n').toString('base64') } });
    const r = await prepareVolume({ name: 's', secret: { secretName: 'creds', defaultMode: 0o400 } }, ctx());
    expect(r.ok).toBe(true);
    expect(await readFile(join(dir, 'pods', 'uid-1', 'volumes', 's', 'token'), 'utf8')).toBe('t0k3n');
    expect(await mode(join(dir, 'pods', 'uid-1', 'volumes', 's', 'token'))).toBe(0o400);
  });

  it('reports a missing object, and makes an empty directory for a missing optional one', async () => {
    await expect(prepareVolume({ name: 'v', configMap: { name: 'cfg' } }, ctx())).resolves.toEqual({ ok: false, message: 'configmap "cfg" not found' });
    await expect(prepareVolume({ name: 'v', secret: { secretName: 'creds' } }, ctx())).resolves.toEqual({ ok: false, message: 'secret "creds" not found' });
    const r = await prepareVolume({ name: 'v', configMap: { name: 'cfg', optional: true } }, ctx());
    expect(r.ok).toBe(true);
    expect(await readdir(join(dir, 'pods', 'uid-1', 'volumes', 'v'))).toEqual([]);
  });

  it('rewrites changed content and deletes keys that went away', async () => {
    objects.set('ConfigMap/cfg', cm('cfg', { a: 'one', b: 'two' }));
    await prepareVolume({ name: 'v', configMap: { name: 'cfg' } }, ctx());
    objects.set('ConfigMap/cfg', cm('cfg', { a: 'ONE' }));
    await prepareVolume({ name: 'v', configMap: { name: 'cfg' } }, ctx());
    const vdir = join(dir, 'pods', 'uid-1', 'volumes', 'v');
    expect(await readdir(vdir)).toEqual(['a']);
    expect(await readFile(join(vdir, 'a'), 'utf8')).toBe('ONE');
  });

  it('refuses more keys than maxVolumeFiles (the bound)', async () => {
    objects.set('ConfigMap/cfg', cm('cfg', { a: '1', b: '2', c: '3' }));
    expect((await prepareVolume({ name: 'v', configMap: { name: 'cfg' } }, ctx(3))).ok).toBe(true);
    const over = await prepareVolume({ name: 'v', configMap: { name: 'cfg' } }, ctx(2));
    expect(over).toEqual({ ok: false, message: 'configmap "cfg" has 3 keys; a volume writes at most 2' });
  });

  it('replaces a file by rename: an open reader keeps the old content', async () => {
    const vdir = join(dir, 'w');
    await writeFiles(vdir, new Map([['f', { data: Buffer.from('old'), mode: 0o644 }]]));
    const before = (await stat(join(vdir, 'f'))).ino;
    await writeFiles(vdir, new Map([['f', { data: Buffer.from('new'), mode: 0o644 }]]));
    expect((await stat(join(vdir, 'f'))).ino).not.toBe(before);
    expect(await readFile(join(vdir, 'f'), 'utf8')).toBe('new');
    expect(await readdir(vdir)).toEqual(['f']);
  });
});

describe('hostPath volumes', () => {
  it('uses the path itself and checks its type', async () => {
    const d = join(dir, 'host-dir');
    const f = join(dir, 'host-file');
    expect(await prepareVolume({ name: 'h', hostPath: { path: d, type: 'DirectoryOrCreate' } }, ctx())).toEqual({ ok: true, volume: { name: 'h', hostPath: d } });
    expect((await stat(d)).isDirectory()).toBe(true);
    expect((await prepareVolume({ name: 'h', hostPath: { path: d, type: 'Directory' } }, ctx())).ok).toBe(true);
    expect((await prepareVolume({ name: 'h', hostPath: { path: f, type: 'FileOrCreate' } }, ctx())).ok).toBe(true);
    expect((await stat(f)).isFile()).toBe(true);
    await writeFile(f, 'x');
    expect((await prepareVolume({ name: 'h', hostPath: { path: f, type: 'File' } }, ctx())).ok).toBe(true);
    expect((await prepareVolume({ name: 'h', hostPath: { path: join(dir, 'nothing'), type: '' } }, ctx())).ok).toBe(true);
  });

  it('fails a check with a message naming the path', async () => {
    const f = join(dir, 'a-file');
    await writeFile(f, 'x');
    await expect(prepareVolume({ name: 'h', hostPath: { path: f, type: 'Directory' } }, ctx())).resolves.toEqual({
      ok: false,
      message: `hostPath type check failed: ${f} is not a directory (volume "h", type Directory)`,
    });
    const missing = await prepareVolume({ name: 'h', hostPath: { path: join(dir, 'none'), type: 'File' } }, ctx());
    expect(missing).toMatchObject({ ok: false, message: expect.stringContaining('does not exist') });
    expect((await prepareVolume({ name: 'h', hostPath: { path: 'relative', type: '' } }, ctx())).ok).toBe(false);
    expect((await prepareVolume({ name: 'h', hostPath: { path: f, type: 'Weird' } }, ctx())).ok).toBe(false);
  });
});

describe('emptyDir and other volumes', () => {
  it('makes a directory under the pod (medium Memory too, with a note)', async () => {
    expect(await prepareVolume({ name: 'scratch', emptyDir: {} }, ctx())).toEqual({ ok: true, volume: { name: 'scratch', hostPath: join(dir, 'pods', 'uid-1', 'volumes', 'scratch') } });
    const mem = await prepareVolume({ name: 'mem', emptyDir: { medium: 'Memory' } }, ctx());
    expect(mem).toMatchObject({ ok: true, volume: { hostPath: join(dir, 'pods', 'uid-1', 'volumes', 'mem'), note: expect.stringContaining('Memory') } });
    expect((await stat(join(dir, 'pods', 'uid-1', 'volumes', 'mem'))).isDirectory()).toBe(true);
  });

  it('refuses a volume source the process runtime cannot provide', async () => {
    const r = await prepareVolume({ name: 'p', nfs: { server: 'nas', path: '/x' } }, ctx());
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('nfs volumes are not supported') });
  });
});

describe('persistentVolumeClaim volumes', () => {
  it('are <data dir>/volumes/<namespace>/<claimName>, made when missing', async () => {
    const r = await prepareVolume({ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }, ctx());
    const claim = join(dir, 'volumes', 'default', 'data-web-0');
    expect(r).toEqual({ ok: true, volume: { name: 'data', hostPath: claim } });
    expect((await stat(claim)).isDirectory()).toBe(true);
    // Another namespace's claim of the same name is another directory.
    const other = await prepareVolume({ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }, { ...ctx(), namespace: 'prod' });
    expect(other).toMatchObject({ ok: true, volume: { hostPath: join(dir, 'volumes', 'prod', 'data-web-0') } });
  });

  it('keep their data when the pod goes: a later pod of the claim finds it', async () => {
    const first = await prepareVolume({ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }, ctx());
    if (!first.ok) throw new Error(first.message);
    await writeFile(join(first.volume.hostPath, 'boots'), 'web-1\n');
    // The pod's own directory goes with the pod, as the runtime removes it.
    await rm(join(dir, 'pods', 'uid-1'), { recursive: true, force: true });
    const again = await prepareVolume({ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }, { ...ctx(), podDir: join(dir, 'pods', 'uid-2') });
    if (!again.ok) throw new Error(again.message);
    expect(again.volume.hostPath).toBe(first.volume.hostPath);
    expect(await readFile(join(again.volume.hostPath, 'boots'), 'utf8')).toBe('web-1\n');
  });

  it('note that readOnly is not enforced, and refuse a claim name that would leave the claims directory', async () => {
    const ro = await prepareVolume({ name: 'data', persistentVolumeClaim: { claimName: 'c', readOnly: true } }, ctx());
    expect(ro).toMatchObject({ ok: true, volume: { note: expect.stringContaining('readOnly') } });
    for (const bad of ['', '..', '../x', 'a/b']) {
      const r = await prepareVolume({ name: 'data', persistentVolumeClaim: { claimName: bad } }, ctx());
      expect(r).toMatchObject({ ok: false, message: expect.stringContaining('claimName') });
    }
    expect(claimDir('/d/volumes', '..', 'c')).toBeUndefined();
    expect(claimsDirOf('/var/lib/berth/pods')).toBe('/var/lib/berth/volumes');
  });
});
