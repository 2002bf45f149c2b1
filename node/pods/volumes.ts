// A pod's volumes, made on the host before its containers start. emptyDir is a directory under
// the pod's directory; hostPath is the path itself, after the check its `type` asks for;
// configMap and secret are a directory with one file per key, written file by file through a
// temporary name and a rename, so a reader never sees half a file, and written again whenever the
// object changes. A persistentVolumeClaim is node-local: the directory
// `<agent data dir>/volumes/<namespace>/<claimName>`, made when missing and never removed here (not
// when the pod goes, nor when the claim's StatefulSet does), so that the next pod of the claim on
// this node finds the data where the last one left it. The process runtime cannot mount: it links
// each mountPath to these paths.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { SourceKind, SourceLookup } from './env.js';
import { sourceData, sourceWord } from './env.js';

export interface KeyToPathSpec {
  key?: string;
  path?: string;
  mode?: number;
}

export interface VolumeSpec {
  name?: string;
  emptyDir?: { medium?: string; sizeLimit?: string };
  hostPath?: { path?: string; type?: string };
  configMap?: { name?: string; items?: KeyToPathSpec[]; defaultMode?: number; optional?: boolean };
  secret?: { secretName?: string; items?: KeyToPathSpec[]; defaultMode?: number; optional?: boolean };
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
  [source: string]: unknown;
}

/** The mode of a key's file when the volume sets no defaultMode (0644). */
export const DEFAULT_FILE_MODE = 0o644;

export interface PreparedVolume {
  readonly name: string;
  readonly hostPath: string;
  /** Something worth knowing that is not an error (e.g. medium Memory is on disk here). */
  readonly note?: string;
}

export type VolumeResult = { readonly ok: true; readonly volume: PreparedVolume } | { readonly ok: false; readonly message: string };

export interface VolumeContext {
  /** `<podsDir>/<uid>` */
  readonly podDir: string;
  /** The pod's namespace: claims are per namespace, as in Kubernetes. */
  readonly namespace: string;
  /** `<agent data dir>/volumes`, where claims live (claimsDirOf). */
  readonly claimsDir: string;
  readonly lookup: SourceLookup;
  /** Most files one ConfigMap or Secret volume writes. */
  readonly maxFiles: number;
}

/** The ConfigMap or Secret a volume shows, if it shows one. */
export function volumeSource(v: VolumeSpec): { kind: SourceKind; name: string } | undefined {
  if (v.configMap !== undefined) return { kind: 'ConfigMap', name: v.configMap.name ?? '' };
  if (v.secret !== undefined) return { kind: 'Secret', name: v.secret.secretName ?? '' };
  return undefined;
}

export function volumeDir(podDir: string, name: string): string {
  return join(podDir, 'volumes', name);
}

/**
 * Where claims live, from the pods' directory `<agent data dir>/pods`: next to it, so that a
 * claim outlives every pod directory (a pod's is removed with the pod).
 */
export function claimsDirOf(podsDir: string): string {
  return join(dirname(podsDir), 'volumes');
}

/** A claim's directory, or undefined when a name could step out of the claims directory. */
export function claimDir(claimsDir: string, namespace: string, claimName: string): string | undefined {
  // The API server checks both are DNS-1123 names; this guards the path against anything else.
  const safe = (s: string): boolean => s !== '' && s === basename(s) && s !== '.' && s !== '..' && !s.includes('\\');
  return safe(namespace) && safe(claimName) ? join(claimsDir, namespace, claimName) : undefined;
}

const KNOWN = new Set(['name', 'emptyDir', 'hostPath', 'configMap', 'secret', 'persistentVolumeClaim']);

/** Makes (or rewrites) one volume; a problem is a message for the containers' waiting state. */
export async function prepareVolume(v: VolumeSpec, ctx: VolumeContext): Promise<VolumeResult> {
  const name = v.name ?? '';
  try {
    if (v.hostPath !== undefined) return await hostPathVolume(name, v.hostPath.path ?? '', v.hostPath.type ?? '');
    if (v.persistentVolumeClaim !== undefined) return await claimVolume(name, v.persistentVolumeClaim, ctx);
    const source = volumeSource(v);
    if (source !== undefined) return await sourceVolume(v, source, ctx);
    const other = Object.keys(v).find((k) => !KNOWN.has(k) && v[k] !== undefined && v[k] !== null);
    if (other !== undefined) return { ok: false, message: `volume "${name}": ${other} volumes are not supported by the process runtime (emptyDir, hostPath, configMap, secret and persistentVolumeClaim are)` };
    // emptyDir, or no source at all (which Kubernetes defaults to emptyDir).
    const dir = volumeDir(ctx.podDir, name);
    await mkdir(dir, { recursive: true });
    const memory = v.emptyDir?.medium === 'Memory';
    return { ok: true, volume: { name, hostPath: dir, ...(memory ? { note: 'medium Memory is a directory on the node disk with the process runtime' } : {}) } };
  } catch (e) {
    return { ok: false, message: `volume "${name}": ${e instanceof Error ? e.message : String(e)}` };
  }
}

async function kindAt(path: string): Promise<'missing' | 'directory' | 'file' | 'socket' | 'char' | 'block' | 'other'> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) return 'directory';
    if (s.isFile()) return 'file';
    if (s.isSocket()) return 'socket';
    if (s.isCharacterDevice()) return 'char';
    if (s.isBlockDevice()) return 'block';
    return 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
}

const HOST_PATH_WANTS: Readonly<Record<string, { kind: string; words: string }>> = {
  Directory: { kind: 'directory', words: 'a directory' },
  DirectoryOrCreate: { kind: 'directory', words: 'a directory' },
  File: { kind: 'file', words: 'a file' },
  FileOrCreate: { kind: 'file', words: 'a file' },
  Socket: { kind: 'socket', words: 'a socket' },
  CharDevice: { kind: 'char', words: 'a character device' },
  BlockDevice: { kind: 'block', words: 'a block device' },
};

async function hostPathVolume(name: string, path: string, type: string): Promise<VolumeResult> {
  if (!isAbsolute(path)) return { ok: false, message: `volume "${name}": hostPath.path must be absolute (got ${JSON.stringify(path)})` };
  const ok: VolumeResult = { ok: true, volume: { name, hostPath: path } };
  if (type === '') return ok;
  const want = HOST_PATH_WANTS[type];
  if (want === undefined) return { ok: false, message: `volume "${name}": hostPath type ${JSON.stringify(type)} is not one of ${Object.keys(HOST_PATH_WANTS).join(', ')}` };
  let found = await kindAt(path);
  if (found === 'missing' && type === 'DirectoryOrCreate') {
    await mkdir(path, { recursive: true, mode: 0o755 });
    found = 'directory';
  } else if (found === 'missing' && type === 'FileOrCreate') {
    await (await open(path, 'a', DEFAULT_FILE_MODE)).close();
    found = 'file';
  }
  if (found === want.kind) return ok;
  const what = found === 'missing' ? 'does not exist' : `is not ${want.words}`;
  return { ok: false, message: `hostPath type check failed: ${path} ${what} (volume "${name}", type ${type})` };
}

async function claimVolume(name: string, claim: { claimName?: string; readOnly?: boolean }, ctx: VolumeContext): Promise<VolumeResult> {
  const claimName = claim.claimName ?? '';
  const dir = claimDir(ctx.claimsDir, ctx.namespace, claimName);
  if (dir === undefined) return { ok: false, message: `volume "${name}": persistentVolumeClaim.claimName ${JSON.stringify(claimName)} is not a name a directory can have` };
  // Made when missing, never removed: the data outlives the pod.
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const note = claim.readOnly === true ? 'persistentVolumeClaim readOnly is not enforced by the process runtime' : undefined;
  return { ok: true, volume: { name, hostPath: dir, ...(note !== undefined ? { note } : {}) } };
}

type Files = Map<string, { data: Buffer; mode: number }>;

async function sourceVolume(v: VolumeSpec, source: { kind: SourceKind; name: string }, ctx: VolumeContext): Promise<VolumeResult> {
  const name = v.name ?? '';
  const spec = v.configMap ?? v.secret ?? {};
  const obj = await ctx.lookup(source.kind, source.name);
  const dir = volumeDir(ctx.podDir, name);
  if (obj === undefined && spec.optional !== true) return { ok: false, message: `${sourceWord(source.kind)} "${source.name}" not found` };
  const data = obj === undefined ? new Map<string, Buffer>() : sourceData(source.kind, obj);
  const files = filesOf(data, spec, `${sourceWord(source.kind)} "${source.name}"`);
  if (typeof files === 'string') return { ok: false, message: files };
  if (files.size > ctx.maxFiles) return { ok: false, message: `${sourceWord(source.kind)} "${source.name}" has ${files.size} keys; a volume writes at most ${ctx.maxFiles}` };
  await writeFiles(dir, files);
  return { ok: true, volume: { name, hostPath: dir } };
}

/** The files a ConfigMap or Secret volume holds (path -> content and mode), or what is wrong. */
export function filesOf(data: ReadonlyMap<string, Buffer>, spec: { items?: KeyToPathSpec[]; defaultMode?: number; optional?: boolean }, what: string): Files | string {
  const defaultMode = spec.defaultMode ?? DEFAULT_FILE_MODE;
  const files: Files = new Map();
  const items: KeyToPathSpec[] = spec.items ?? [...data.keys()].map((key) => ({ key, path: key }));
  for (const item of items) {
    const key = item.key ?? '';
    const content = data.get(key);
    if (content === undefined) {
      if (spec.optional === true) continue;
      return `${what} has no key "${key}"`;
    }
    const path = item.path ?? key;
    if (path === '' || isAbsolute(path) || path.split(/[\\/]/).includes('..')) return `${what}: item path ${JSON.stringify(path)} must be relative and must not contain ".."`;
    files.set(path, { data: content, mode: (item.mode ?? defaultMode) & 0o7777 });
  }
  return files;
}

/** Makes `dir` hold exactly `files`: each changed file replaced by a rename, stale ones deleted. */
export async function writeFiles(dir: string, files: Files): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [path, f] of files) {
    const target = join(dir, path);
    if (await same(target, f.data, f.mode)) continue;
    await mkdir(dirname(target), { recursive: true });
    const tmp = join(dirname(target), `..${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(tmp, f.data, { mode: 0o600 });
    await chmod(tmp, f.mode);
    await rename(tmp, target);
  }
  const wanted = new Set([...files.keys()].map((p) => join(dir, p)));
  for (const file of await listFiles(dir)) {
    if (!wanted.has(file)) await rm(file, { force: true });
  }
}

async function same(path: string, data: Buffer, mode: number): Promise<boolean> {
  try {
    const [s, old] = await Promise.all([stat(path), readFile(path)]);
    return s.isFile() && (s.mode & 0o7777) === mode && old.equals(data);
  } catch {
    return false;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}
