// Original file: proto/berth/objects/v1/objects.proto


export interface GRPCAction {
  'port'?: (number);
  /**
   * The service name sent in the health check request.
   */
  'service'?: (string);
  '_port'?: "port";
  '_service'?: "service";
}

export interface GRPCAction__Output {
  'port'?: (number);
  /**
   * The service name sent in the health check request.
   */
  'service'?: (string);
  '_port'?: "port";
  '_service'?: "service";
}
