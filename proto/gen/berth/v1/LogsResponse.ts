// Original file: proto/berth/v1/node.proto


export interface LogsResponse {
  'data'?: (Buffer | Uint8Array | string);
}

export interface LogsResponse__Output {
  'data': (Buffer);
}
