// Original file: proto/berth/objects/v1/objects.proto


export interface OwnerReference {
  'apiVersion'?: (string);
  'kind'?: (string);
  'name'?: (string);
  'uid'?: (string);
  'controller'?: (boolean);
  'blockOwnerDeletion'?: (boolean);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
  '_name'?: "name";
  '_uid'?: "uid";
  '_controller'?: "controller";
  '_blockOwnerDeletion'?: "blockOwnerDeletion";
}

export interface OwnerReference__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'name'?: (string);
  'uid'?: (string);
  'controller'?: (boolean);
  'blockOwnerDeletion'?: (boolean);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
  '_name'?: "name";
  '_uid'?: "uid";
  '_controller'?: "controller";
  '_blockOwnerDeletion'?: "blockOwnerDeletion";
}
