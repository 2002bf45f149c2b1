// Original file: proto/berth/objects/v1/objects.proto

import type { ExecAction as _berth_objects_v1_ExecAction, ExecAction__Output as _berth_objects_v1_ExecAction__Output } from '../../../berth/objects/v1/ExecAction.js';
import type { HTTPGetAction as _berth_objects_v1_HTTPGetAction, HTTPGetAction__Output as _berth_objects_v1_HTTPGetAction__Output } from '../../../berth/objects/v1/HTTPGetAction.js';
import type { TCPSocketAction as _berth_objects_v1_TCPSocketAction, TCPSocketAction__Output as _berth_objects_v1_TCPSocketAction__Output } from '../../../berth/objects/v1/TCPSocketAction.js';
import type { SleepAction as _berth_objects_v1_SleepAction, SleepAction__Output as _berth_objects_v1_SleepAction__Output } from '../../../berth/objects/v1/SleepAction.js';

/**
 * One of exec, http_get, tcp_socket or sleep.
 */
export interface LifecycleHandler {
  'exec'?: (_berth_objects_v1_ExecAction | null);
  'httpGet'?: (_berth_objects_v1_HTTPGetAction | null);
  'tcpSocket'?: (_berth_objects_v1_TCPSocketAction | null);
  'sleep'?: (_berth_objects_v1_SleepAction | null);
}

/**
 * One of exec, http_get, tcp_socket or sleep.
 */
export interface LifecycleHandler__Output {
  'exec': (_berth_objects_v1_ExecAction__Output | null);
  'httpGet': (_berth_objects_v1_HTTPGetAction__Output | null);
  'tcpSocket': (_berth_objects_v1_TCPSocketAction__Output | null);
  'sleep': (_berth_objects_v1_SleepAction__Output | null);
}
