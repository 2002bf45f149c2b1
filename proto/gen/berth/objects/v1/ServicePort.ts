// Original file: proto/berth/objects/v1/objects.proto

import type { IntOrString as _berth_objects_v1_IntOrString, IntOrString__Output as _berth_objects_v1_IntOrString__Output } from '../../../berth/objects/v1/IntOrString.js';

export interface ServicePort {
  'name'?: (string);
  /**
   * TCP, UDP or SCTP
   */
  'protocol'?: (string);
  'appProtocol'?: (string);
  'port'?: (number);
  /**
   * A port number or the name of a container port of the backing pods.
   */
  'targetPort'?: (_berth_objects_v1_IntOrString | null);
  'nodePort'?: (number);
  '_name'?: "name";
  '_protocol'?: "protocol";
  '_appProtocol'?: "appProtocol";
  '_port'?: "port";
  '_nodePort'?: "nodePort";
}

export interface ServicePort__Output {
  'name'?: (string);
  /**
   * TCP, UDP or SCTP
   */
  'protocol'?: (string);
  'appProtocol'?: (string);
  'port'?: (number);
  /**
   * A port number or the name of a container port of the backing pods.
   */
  'targetPort': (_berth_objects_v1_IntOrString__Output | null);
  'nodePort'?: (number);
  '_name'?: "name";
  '_protocol'?: "protocol";
  '_appProtocol'?: "appProtocol";
  '_port'?: "port";
  '_nodePort'?: "nodePort";
}
