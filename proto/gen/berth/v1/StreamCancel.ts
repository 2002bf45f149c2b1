// Original file: proto/berth/v1/node.proto


export interface StreamCancel {
  'requestId'?: (string);
}

export interface StreamCancel__Output {
  'requestId': (string);
}
