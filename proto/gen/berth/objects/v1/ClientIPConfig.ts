// Original file: proto/berth/objects/v1/objects.proto


export interface ClientIPConfig {
  'timeoutSeconds'?: (number);
  '_timeoutSeconds'?: "timeoutSeconds";
}

export interface ClientIPConfig__Output {
  'timeoutSeconds'?: (number);
  '_timeoutSeconds'?: "timeoutSeconds";
}
