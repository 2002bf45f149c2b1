// Original file: proto/berth/v1/api.proto


export interface TransferLeaderRequest {
  'to'?: (string);
}

export interface TransferLeaderRequest__Output {
  'to': (string);
}
