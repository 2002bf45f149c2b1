// Original file: proto/berth/v1/node.proto


export interface ExecResponse {
  'stdout'?: (Buffer | Uint8Array | string);
  'stderr'?: (Buffer | Uint8Array | string);
  /**
   * In the last message.
   */
  'exitCode'?: (number);
  '_exitCode'?: "exitCode";
}

export interface ExecResponse__Output {
  'stdout': (Buffer);
  'stderr': (Buffer);
  /**
   * In the last message.
   */
  'exitCode'?: (number);
  '_exitCode'?: "exitCode";
}
