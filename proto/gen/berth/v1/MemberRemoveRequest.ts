// Original file: proto/berth/v1/api.proto


export interface MemberRemoveRequest {
  'id'?: (string);
}

export interface MemberRemoveRequest__Output {
  'id': (string);
}
