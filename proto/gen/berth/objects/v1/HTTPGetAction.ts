// Original file: proto/berth/objects/v1/objects.proto

import type { IntOrString as _berth_objects_v1_IntOrString, IntOrString__Output as _berth_objects_v1_IntOrString__Output } from '../../../berth/objects/v1/IntOrString.js';
import type { HTTPHeader as _berth_objects_v1_HTTPHeader, HTTPHeader__Output as _berth_objects_v1_HTTPHeader__Output } from '../../../berth/objects/v1/HTTPHeader.js';

export interface HTTPGetAction {
  'path'?: (string);
  /**
   * A port number or a container port's name.
   */
  'port'?: (_berth_objects_v1_IntOrString | null);
  'host'?: (string);
  /**
   * HTTP or HTTPS
   */
  'scheme'?: (string);
  'httpHeaders'?: (_berth_objects_v1_HTTPHeader)[];
  '_path'?: "path";
  '_host'?: "host";
  '_scheme'?: "scheme";
}

export interface HTTPGetAction__Output {
  'path'?: (string);
  /**
   * A port number or a container port's name.
   */
  'port': (_berth_objects_v1_IntOrString__Output | null);
  'host'?: (string);
  /**
   * HTTP or HTTPS
   */
  'scheme'?: (string);
  'httpHeaders': (_berth_objects_v1_HTTPHeader__Output)[];
  '_path'?: "path";
  '_host'?: "host";
  '_scheme'?: "scheme";
}
