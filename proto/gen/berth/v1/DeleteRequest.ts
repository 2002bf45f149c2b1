// Original file: proto/berth/v1/api.proto

import type { Long } from '@grpc/proto-loader';

export interface DeleteRequest {
  'kind'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  /**
   * Delete only if the object is still this version / this incarnation.
   */
  'preconditionResourceVersion'?: (string);
  'preconditionUid'?: (string);
  /**
   * Overrides the object's grace period (pods); 0 deletes at once.
   */
  'gracePeriodSeconds'?: (number | string | Long);
  /**
   * Orphan, Background (default) or Foreground: what happens to objects it owns.
   */
  'propagationPolicy'?: (string);
  'dryRun'?: (boolean);
  '_gracePeriodSeconds'?: "gracePeriodSeconds";
}

export interface DeleteRequest__Output {
  'kind': (string);
  'namespace': (string);
  'name': (string);
  /**
   * Delete only if the object is still this version / this incarnation.
   */
  'preconditionResourceVersion': (string);
  'preconditionUid': (string);
  /**
   * Overrides the object's grace period (pods); 0 deletes at once.
   */
  'gracePeriodSeconds'?: (number);
  /**
   * Orphan, Background (default) or Foreground: what happens to objects it owns.
   */
  'propagationPolicy': (string);
  'dryRun': (boolean);
  '_gracePeriodSeconds'?: "gracePeriodSeconds";
}
