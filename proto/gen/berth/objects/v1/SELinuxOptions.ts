// Original file: proto/berth/objects/v1/objects.proto


export interface SELinuxOptions {
  'user'?: (string);
  'role'?: (string);
  'type'?: (string);
  'level'?: (string);
  '_user'?: "user";
  '_role'?: "role";
  '_type'?: "type";
  '_level'?: "level";
}

export interface SELinuxOptions__Output {
  'user'?: (string);
  'role'?: (string);
  'type'?: (string);
  'level'?: (string);
  '_user'?: "user";
  '_role'?: "role";
  '_type'?: "type";
  '_level'?: "level";
}
