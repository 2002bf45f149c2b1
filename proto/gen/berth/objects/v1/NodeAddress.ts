// Original file: proto/berth/objects/v1/objects.proto


export interface NodeAddress {
  /**
   * Hostname, InternalIP, ExternalIP, InternalDNS, ExternalDNS
   */
  'type'?: (string);
  'address'?: (string);
  '_type'?: "type";
  '_address'?: "address";
}

export interface NodeAddress__Output {
  /**
   * Hostname, InternalIP, ExternalIP, InternalDNS, ExternalDNS
   */
  'type'?: (string);
  'address'?: (string);
  '_type'?: "type";
  '_address'?: "address";
}
