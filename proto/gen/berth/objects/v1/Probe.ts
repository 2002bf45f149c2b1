// Original file: proto/berth/objects/v1/objects.proto

import type { ExecAction as _berth_objects_v1_ExecAction, ExecAction__Output as _berth_objects_v1_ExecAction__Output } from '../../../berth/objects/v1/ExecAction.js';
import type { HTTPGetAction as _berth_objects_v1_HTTPGetAction, HTTPGetAction__Output as _berth_objects_v1_HTTPGetAction__Output } from '../../../berth/objects/v1/HTTPGetAction.js';
import type { TCPSocketAction as _berth_objects_v1_TCPSocketAction, TCPSocketAction__Output as _berth_objects_v1_TCPSocketAction__Output } from '../../../berth/objects/v1/TCPSocketAction.js';
import type { GRPCAction as _berth_objects_v1_GRPCAction, GRPCAction__Output as _berth_objects_v1_GRPCAction__Output } from '../../../berth/objects/v1/GRPCAction.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One of exec, http_get, tcp_socket or grpc, with timing.
 */
export interface Probe {
  'exec'?: (_berth_objects_v1_ExecAction | null);
  'httpGet'?: (_berth_objects_v1_HTTPGetAction | null);
  'tcpSocket'?: (_berth_objects_v1_TCPSocketAction | null);
  'grpc'?: (_berth_objects_v1_GRPCAction | null);
  'initialDelaySeconds'?: (number);
  'timeoutSeconds'?: (number);
  'periodSeconds'?: (number);
  'successThreshold'?: (number);
  'failureThreshold'?: (number);
  /**
   * Overrides the pod's grace period when this probe kills the container.
   */
  'terminationGracePeriodSeconds'?: (number | string | Long);
  '_initialDelaySeconds'?: "initialDelaySeconds";
  '_timeoutSeconds'?: "timeoutSeconds";
  '_periodSeconds'?: "periodSeconds";
  '_successThreshold'?: "successThreshold";
  '_failureThreshold'?: "failureThreshold";
  '_terminationGracePeriodSeconds'?: "terminationGracePeriodSeconds";
}

/**
 * One of exec, http_get, tcp_socket or grpc, with timing.
 */
export interface Probe__Output {
  'exec': (_berth_objects_v1_ExecAction__Output | null);
  'httpGet': (_berth_objects_v1_HTTPGetAction__Output | null);
  'tcpSocket': (_berth_objects_v1_TCPSocketAction__Output | null);
  'grpc': (_berth_objects_v1_GRPCAction__Output | null);
  'initialDelaySeconds'?: (number);
  'timeoutSeconds'?: (number);
  'periodSeconds'?: (number);
  'successThreshold'?: (number);
  'failureThreshold'?: (number);
  /**
   * Overrides the pod's grace period when this probe kills the container.
   */
  'terminationGracePeriodSeconds'?: (number);
  '_initialDelaySeconds'?: "initialDelaySeconds";
  '_timeoutSeconds'?: "timeoutSeconds";
  '_periodSeconds'?: "periodSeconds";
  '_successThreshold'?: "successThreshold";
  '_failureThreshold'?: "failureThreshold";
  '_terminationGracePeriodSeconds'?: "terminationGracePeriodSeconds";
}
