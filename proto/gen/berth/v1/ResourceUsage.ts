// Original file: proto/berth/v1/node.proto

import type { Long } from '@grpc/proto-loader';

export interface ResourceUsage {
  'cpuMillicores'?: (number | string | Long);
  'memoryBytes'?: (number | string | Long);
}

export interface ResourceUsage__Output {
  'cpuMillicores': (number);
  'memoryBytes': (number);
}
