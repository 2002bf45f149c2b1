// Original file: proto/berth/v1/node.proto


/**
 * The agent has stopped every container of a pod marked for deletion: the leader removes it.
 */
export interface PodTerminated {
  'namespace'?: (string);
  'name'?: (string);
  'uid'?: (string);
}

/**
 * The agent has stopped every container of a pod marked for deletion: the leader removes it.
 */
export interface PodTerminated__Output {
  'namespace': (string);
  'name': (string);
  'uid': (string);
}
