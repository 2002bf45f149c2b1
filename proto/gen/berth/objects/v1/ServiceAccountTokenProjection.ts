// Original file: proto/berth/objects/v1/objects.proto

import type { Long } from '@grpc/proto-loader';

export interface ServiceAccountTokenProjection {
  'audience'?: (string);
  'expirationSeconds'?: (number | string | Long);
  'path'?: (string);
  '_audience'?: "audience";
  '_expirationSeconds'?: "expirationSeconds";
  '_path'?: "path";
}

export interface ServiceAccountTokenProjection__Output {
  'audience'?: (string);
  'expirationSeconds'?: (number);
  'path'?: (string);
  '_audience'?: "audience";
  '_expirationSeconds'?: "expirationSeconds";
  '_path'?: "path";
}
