// Original file: proto/berth/v1/kv.proto

import type { Long } from '@grpc/proto-loader';

export interface CompactRequest {
  'revision'?: (number | string | Long);
}

export interface CompactRequest__Output {
  'revision': (number);
}
