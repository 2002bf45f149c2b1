// Original file: proto/berth/objects/v1/objects.proto


export interface ExecAction {
  'command'?: (string)[];
}

export interface ExecAction__Output {
  'command': (string)[];
}
