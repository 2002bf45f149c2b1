// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { NodeSpec as _berth_objects_v1_NodeSpec, NodeSpec__Output as _berth_objects_v1_NodeSpec__Output } from '../../../berth/objects/v1/NodeSpec.js';
import type { NodeStatus as _berth_objects_v1_NodeStatus, NodeStatus__Output as _berth_objects_v1_NodeStatus__Output } from '../../../berth/objects/v1/NodeStatus.js';

export interface Node {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_NodeSpec | null);
  'status'?: (_berth_objects_v1_NodeStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface Node__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_NodeSpec__Output | null);
  'status': (_berth_objects_v1_NodeStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
