// Loads berth/v1/raft.proto once, with the proto-loader options the generated types in proto/gen
// were made for (see the `proto` script: --longs=Number --enums=String --defaults --oneofs).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { ProtoGrpcType } from '../../../proto/gen/raft.js';

const RAFT_PROTO = join('berth', 'v1', 'raft.proto');
/** How far up from this module the package root may be: server/raft/transport, plus dist/. */
const MAX_LEVELS_UP = 6;

/**
 * The `proto/` folder of the berth package. The .proto files are not compiled into dist/, so the
 * folder is found by walking up from this module, which works from the sources and from dist/.
 */
function findProtoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, RAFT_PROTO))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`cannot find proto/${RAFT_PROTO} above ${fileURLToPath(import.meta.url)}`);
}

let loaded: ProtoGrpcType['berth']['v1'] | undefined;

export function raftProto(): ProtoGrpcType['berth']['v1'] {
  if (loaded === undefined) {
    const definition = loadSync(RAFT_PROTO, {
      includeDirs: [findProtoRoot()],
      keepCase: false,
      longs: Number,
      enums: String,
      defaults: true,
      oneofs: true,
    });
    loaded = (loadPackageDefinition(definition) as unknown as ProtoGrpcType).berth.v1;
  }
  return loaded;
}
