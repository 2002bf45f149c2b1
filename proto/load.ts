// Loads berth's .proto files with the one set of proto-loader options that the generated types in
// proto/gen were made for (proto-loader-gen-types --longs=Number --enums=String --defaults
// --oneofs). Servers and clients both load through here, so that a message decodes the same way
// on either side of a call.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition } from '@grpc/grpc-js';
import type { GrpcObject } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { Options } from '@grpc/proto-loader';
import type { ProtoGrpcType as ApiProtoType } from './gen/api.js';
import type { ProtoGrpcType as KvProtoType } from './gen/kv.js';
import type { ProtoGrpcType as NodeProtoType } from './gen/node.js';

/** The options every berth proto is loaded with; the generated types depend on them. */
export const PROTO_LOADER_OPTIONS: Readonly<Options> = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** A file every copy of the proto folder has; it tells the folder apart from others named proto. */
const MARKER = join('berth', 'v1', 'kv.proto');
/** How far up from this module the package root may be: proto/, or dist/proto/, and some slack. */
const MAX_LEVELS_UP = 4;

let root: string | undefined;

/**
 * The folder that holds berth/v1/*.proto. The .proto files are not compiled into dist/, so it
 * is found by walking up from this module, which works from the sources and from dist/.
 */
export function protoRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    if (existsSync(join(dir, MARKER))) return (root = dir);
    const nested = join(dir, 'proto');
    if (existsSync(join(nested, MARKER))) return (root = nested);
    dir = dirname(dir);
  }
  throw new Error(`cannot find proto/${MARKER} above ${fileURLToPath(import.meta.url)}; is the package installed whole?`);
}

const cache = new Map<string, GrpcObject>();

/**
 * Loads one proto file (a path under the proto folder, e.g. "berth/v1/kv.proto") and its
 * imports, once per process. T is the file's generated ProtoGrpcType.
 */
export function loadProto<T>(file: string): T {
  let loaded = cache.get(file);
  if (loaded === undefined) {
    const definition = loadSync(file, { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot()] });
    loaded = loadPackageDefinition(definition);
    cache.set(file, loaded);
  }
  return loaded as unknown as T;
}

/** berth.v1 as declared by kv.proto: the KV service and its messages. */
export function kvProto(): KvProtoType['berth']['v1'] {
  return loadProto<KvProtoType>('berth/v1/kv.proto').berth.v1;
}

/** berth.v1 as declared by api.proto: ClusterService (and later ObjectService). */
export function apiProto(): ApiProtoType['berth']['v1'] {
  return loadProto<ApiProtoType>('berth/v1/api.proto').berth.v1;
}

/** berth.v1 as declared by node.proto: NodeService (agent streams, logs, exec, usage). */
export function nodeProto(): NodeProtoType['berth']['v1'] {
  return loadProto<NodeProtoType>('berth/v1/node.proto').berth.v1;
}
