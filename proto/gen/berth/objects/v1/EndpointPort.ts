// Original file: proto/berth/objects/v1/objects.proto


export interface EndpointPort {
  'name'?: (string);
  'port'?: (number);
  'protocol'?: (string);
  'appProtocol'?: (string);
  '_name'?: "name";
  '_port'?: "port";
  '_protocol'?: "protocol";
  '_appProtocol'?: "appProtocol";
}

export interface EndpointPort__Output {
  'name'?: (string);
  'port'?: (number);
  'protocol'?: (string);
  'appProtocol'?: (string);
  '_name'?: "name";
  '_port'?: "port";
  '_protocol'?: "protocol";
  '_appProtocol'?: "appProtocol";
}
