// Original file: proto/berth/objects/v1/objects.proto

import type { Long } from '@grpc/proto-loader';

export interface ContainerImage {
  'names'?: (string)[];
  'sizeBytes'?: (number | string | Long);
  '_sizeBytes'?: "sizeBytes";
}

export interface ContainerImage__Output {
  'names': (string)[];
  'sizeBytes'?: (number);
  '_sizeBytes'?: "sizeBytes";
}
