import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { RaftConfState as _berth_v1_RaftConfState, RaftConfState__Output as _berth_v1_RaftConfState__Output } from './berth/v1/RaftConfState.js';
import type { RaftEntry as _berth_v1_RaftEntry, RaftEntry__Output as _berth_v1_RaftEntry__Output } from './berth/v1/RaftEntry.js';
import type { RaftEnvelope as _berth_v1_RaftEnvelope, RaftEnvelope__Output as _berth_v1_RaftEnvelope__Output } from './berth/v1/RaftEnvelope.js';
import type { RaftMessage as _berth_v1_RaftMessage, RaftMessage__Output as _berth_v1_RaftMessage__Output } from './berth/v1/RaftMessage.js';
import type { RaftServiceClient as _berth_v1_RaftServiceClient, RaftServiceDefinition as _berth_v1_RaftServiceDefinition } from './berth/v1/RaftService.js';
import type { RaftSnapshotMetadata as _berth_v1_RaftSnapshotMetadata, RaftSnapshotMetadata__Output as _berth_v1_RaftSnapshotMetadata__Output } from './berth/v1/RaftSnapshotMetadata.js';
import type { SendAck as _berth_v1_SendAck, SendAck__Output as _berth_v1_SendAck__Output } from './berth/v1/SendAck.js';
import type { SnapshotAck as _berth_v1_SnapshotAck, SnapshotAck__Output as _berth_v1_SnapshotAck__Output } from './berth/v1/SnapshotAck.js';
import type { SnapshotChunk as _berth_v1_SnapshotChunk, SnapshotChunk__Output as _berth_v1_SnapshotChunk__Output } from './berth/v1/SnapshotChunk.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      RaftConfState: MessageTypeDefinition<_berth_v1_RaftConfState, _berth_v1_RaftConfState__Output>
      RaftEntry: MessageTypeDefinition<_berth_v1_RaftEntry, _berth_v1_RaftEntry__Output>
      RaftEntryType: EnumTypeDefinition
      RaftEnvelope: MessageTypeDefinition<_berth_v1_RaftEnvelope, _berth_v1_RaftEnvelope__Output>
      RaftMessage: MessageTypeDefinition<_berth_v1_RaftMessage, _berth_v1_RaftMessage__Output>
      RaftMessageType: EnumTypeDefinition
      RaftService: SubtypeConstructor<typeof grpc.Client, _berth_v1_RaftServiceClient> & { service: _berth_v1_RaftServiceDefinition }
      RaftSnapshotMetadata: MessageTypeDefinition<_berth_v1_RaftSnapshotMetadata, _berth_v1_RaftSnapshotMetadata__Output>
      SendAck: MessageTypeDefinition<_berth_v1_SendAck, _berth_v1_SendAck__Output>
      SnapshotAck: MessageTypeDefinition<_berth_v1_SnapshotAck, _berth_v1_SnapshotAck__Output>
      SnapshotChunk: MessageTypeDefinition<_berth_v1_SnapshotChunk, _berth_v1_SnapshotChunk__Output>
    }
  }
}

