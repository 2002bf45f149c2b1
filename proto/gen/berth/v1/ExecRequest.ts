// Original file: proto/berth/v1/node.proto


export interface ExecRequest {
  'namespace'?: (string);
  'pod'?: (string);
  'container'?: (string);
  'command'?: (string)[];
  /**
   * Given to the command's standard input, then closed.
   */
  'stdin'?: (Buffer | Uint8Array | string);
  /**
   * 0: the server's default.
   */
  'timeoutSeconds'?: (number);
}

export interface ExecRequest__Output {
  'namespace': (string);
  'pod': (string);
  'container': (string);
  'command': (string)[];
  /**
   * Given to the command's standard input, then closed.
   */
  'stdin': (Buffer);
  /**
   * 0: the server's default.
   */
  'timeoutSeconds': (number);
}
