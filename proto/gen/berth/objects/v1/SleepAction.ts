// Original file: proto/berth/objects/v1/objects.proto

import type { Long } from '@grpc/proto-loader';

export interface SleepAction {
  'seconds'?: (number | string | Long);
  '_seconds'?: "seconds";
}

export interface SleepAction__Output {
  'seconds'?: (number);
  '_seconds'?: "seconds";
}
