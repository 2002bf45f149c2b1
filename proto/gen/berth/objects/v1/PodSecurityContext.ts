// Original file: proto/berth/objects/v1/objects.proto

import type { Sysctl as _berth_objects_v1_Sysctl, Sysctl__Output as _berth_objects_v1_Sysctl__Output } from '../../../berth/objects/v1/Sysctl.js';
import type { SELinuxOptions as _berth_objects_v1_SELinuxOptions, SELinuxOptions__Output as _berth_objects_v1_SELinuxOptions__Output } from '../../../berth/objects/v1/SELinuxOptions.js';
import type { SeccompProfile as _berth_objects_v1_SeccompProfile, SeccompProfile__Output as _berth_objects_v1_SeccompProfile__Output } from '../../../berth/objects/v1/SeccompProfile.js';
import type { Long } from '@grpc/proto-loader';

export interface PodSecurityContext {
  'runAsUser'?: (number | string | Long);
  'runAsGroup'?: (number | string | Long);
  'runAsNonRoot'?: (boolean);
  'fsGroup'?: (number | string | Long);
  'supplementalGroups'?: (number | string | Long)[];
  /**
   * OnRootMismatch or Always
   */
  'fsGroupChangePolicy'?: (string);
  'sysctls'?: (_berth_objects_v1_Sysctl)[];
  'seLinuxOptions'?: (_berth_objects_v1_SELinuxOptions | null);
  'seccompProfile'?: (_berth_objects_v1_SeccompProfile | null);
  '_runAsUser'?: "runAsUser";
  '_runAsGroup'?: "runAsGroup";
  '_runAsNonRoot'?: "runAsNonRoot";
  '_fsGroup'?: "fsGroup";
  '_fsGroupChangePolicy'?: "fsGroupChangePolicy";
}

export interface PodSecurityContext__Output {
  'runAsUser'?: (number);
  'runAsGroup'?: (number);
  'runAsNonRoot'?: (boolean);
  'fsGroup'?: (number);
  'supplementalGroups': (number)[];
  /**
   * OnRootMismatch or Always
   */
  'fsGroupChangePolicy'?: (string);
  'sysctls': (_berth_objects_v1_Sysctl__Output)[];
  'seLinuxOptions': (_berth_objects_v1_SELinuxOptions__Output | null);
  'seccompProfile': (_berth_objects_v1_SeccompProfile__Output | null);
  '_runAsUser'?: "runAsUser";
  '_runAsGroup'?: "runAsGroup";
  '_runAsNonRoot'?: "runAsNonRoot";
  '_fsGroup'?: "fsGroup";
  '_fsGroupChangePolicy'?: "fsGroupChangePolicy";
}
