// Reading manifests for `-f FILE|DIR|-`: YAML streams of several documents, JSON, every
// .yaml/.yml/.json file of a directory (in name order, not recursing), and standard input.
// A `kind: List` (or any *List with items) stands for its items; empty documents are skipped.
// Every problem names the file and the document (counted from 1, empty ones included), and all
// of them are reported at once, before anything is sent to the cluster.
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { BerthError } from '../index.js';
import type { KubeObject } from '../index.js';

/** One object of a manifest and where it came from. */
export interface Manifest {
  readonly object: KubeObject;
  /** The file as given (or joined to its directory); "<stdin>" for `-f -`. */
  readonly source: string;
  /** The document of the file, counted from 1. */
  readonly document: number;
}

export interface ParsedManifests {
  readonly manifests: Manifest[];
  /** `file: document N: problem`, one per problem. */
  readonly errors: string[];
}

/** The files of a directory that hold manifests. */
const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

export const STDIN_SOURCE = '<stdin>';

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** The problem with a document that should be an object, or undefined when it is fine. */
function objectProblem(v: unknown): string | undefined {
  if (!isRecord(v)) return `must be an object with apiVersion, kind and metadata (got ${typeName(v)})`;
  if (typeof v['apiVersion'] !== 'string' || v['apiVersion'] === '') return 'apiVersion is missing';
  if (typeof v['kind'] !== 'string' || v['kind'] === '') return 'kind is missing';
  const name = isRecord(v['metadata']) ? v['metadata']['name'] : undefined;
  if (typeof name !== 'string' || name === '') return 'metadata.name is missing';
  return undefined;
}

function isList(v: unknown): v is { items: unknown[] } {
  return isRecord(v) && typeof v['kind'] === 'string' && v['kind'].endsWith('List') && Array.isArray(v['items']);
}

/** Adds the objects of one document (the items of a List) to `out`. */
function collect(value: unknown, source: string, document: number, where: string, out: ParsedManifests): void {
  if (value === null || value === undefined) return;
  if (isList(value)) {
    value.items.forEach((item, i) => collect(item, source, document, `${where}items[${i}]: `, out));
    return;
  }
  const problem = objectProblem(value);
  if (problem !== undefined) out.errors.push(`${source}: document ${document}: ${where}${problem}`);
  else out.manifests.push({ object: value as KubeObject, source, document });
}

/** The documents of a YAML stream (JSON is YAML too), or the parse error of each bad one. */
function parseYaml(text: string, source: string, out: ParsedManifests): void {
  parseAllDocuments(text).forEach((doc, i) => {
    const error = doc.errors[0];
    if (error !== undefined) out.errors.push(`${source}: document ${i + 1}: ${error.message.split('\n')[0] ?? ''}`);
    else collect(doc.toJS(), source, i + 1, '', out);
  });
}

/**
 * The objects in `text`. JSON files are read as one JSON document; everything else as a YAML
 * stream (`---` between documents).
 */
export function parseManifests(text: string, source: string): ParsedManifests {
  const out: ParsedManifests = { manifests: [], errors: [] };
  if (extname(source).toLowerCase() === '.json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      out.errors.push(`${source}: document 1: ${err instanceof Error ? err.message : String(err)}`);
      return out;
    }
    collect(value, source, 1, '', out);
  } else {
    parseYaml(text, source, out);
  }
  return out;
}

/** The manifest files a path stands for: itself, or a directory's manifest files by name. */
async function filesOf(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new BerthError('INVALID_ARGUMENT', code === 'ENOENT' ? `${path}: no such file or directory` : `${path}: ${(err as Error).message}`);
  }
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => MANIFEST_EXTENSIONS.includes(extname(n).toLowerCase())).sort();
  return names.map((n) => join(path, n));
}

export interface ManifestInput {
  /** Standard input, for the path "-". */
  readStdin?(): Promise<string>;
}

/**
 * Every object in `paths` (files, directories, or "-" for standard input), in order. Throws one
 * INVALID_ARGUMENT error listing every problem found, one per line.
 */
export async function loadManifests(paths: readonly string[], input: ManifestInput = {}): Promise<Manifest[]> {
  const all: ParsedManifests = { manifests: [], errors: [] };
  for (const path of paths) {
    if (path === '-') {
      if (input.readStdin === undefined) {
        all.errors.push('-f -: standard input cannot be read here');
        continue;
      }
      const parsed = parseManifests(await input.readStdin(), STDIN_SOURCE);
      all.manifests.push(...parsed.manifests);
      all.errors.push(...parsed.errors);
      continue;
    }
    let files: string[];
    try {
      files = await filesOf(path);
    } catch (err) {
      all.errors.push((err as Error).message);
      continue;
    }
    for (const file of files) {
      const parsed = parseManifests(await readFile(file, 'utf8'), file);
      all.manifests.push(...parsed.manifests);
      all.errors.push(...parsed.errors);
    }
  }
  if (all.errors.length > 0) throw new BerthError('INVALID_ARGUMENT', all.errors.join('\n'), { details: { field: 'filename' } });
  return all.manifests;
}
