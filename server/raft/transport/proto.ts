// Loads berth/v1/raft.proto once, through the shared loader (proto/load.ts) so that every gRPC
// service of berth uses the same proto-loader options as the generated types in proto/gen.
import { loadProto } from '../../../proto/load.js';
import type { ProtoGrpcType } from '../../../proto/gen/raft.js';

let loaded: ProtoGrpcType['berth']['v1'] | undefined;

export function raftProto(): ProtoGrpcType['berth']['v1'] {
  loaded ??= loadProto<ProtoGrpcType>('berth/v1/raft.proto').berth.v1;
  return loaded;
}
