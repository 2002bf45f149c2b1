// Original file: proto/berth/v1/api.proto


export interface MemberAddRequest {
  'id'?: (string);
  'address'?: (string);
}

export interface MemberAddRequest__Output {
  'id': (string);
  'address': (string);
}
