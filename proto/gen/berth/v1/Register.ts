// Original file: proto/berth/v1/node.proto

import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from '../../berth/objects/v1/ApiObject.js';

/**
 * The first message of every stream.
 */
export interface Register {
  /**
   * A Node: metadata.name, metadata.labels, status (capacity, allocatable, addresses, nodeInfo).
   */
  'node'?: (_berth_objects_v1_ApiObject | null);
  /**
   * Changes each time the agent process starts.
   */
  'bootId'?: (string);
  'heartbeatIntervalMs'?: (number);
}

/**
 * The first message of every stream.
 */
export interface Register__Output {
  /**
   * A Node: metadata.name, metadata.labels, status (capacity, allocatable, addresses, nodeInfo).
   */
  'node': (_berth_objects_v1_ApiObject__Output | null);
  /**
   * Changes each time the agent process starts.
   */
  'bootId': (string);
  'heartbeatIntervalMs': (number);
}
