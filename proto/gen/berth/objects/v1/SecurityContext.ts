// Original file: proto/berth/objects/v1/objects.proto

import type { Capabilities as _berth_objects_v1_Capabilities, Capabilities__Output as _berth_objects_v1_Capabilities__Output } from '../../../berth/objects/v1/Capabilities.js';
import type { SELinuxOptions as _berth_objects_v1_SELinuxOptions, SELinuxOptions__Output as _berth_objects_v1_SELinuxOptions__Output } from '../../../berth/objects/v1/SELinuxOptions.js';
import type { SeccompProfile as _berth_objects_v1_SeccompProfile, SeccompProfile__Output as _berth_objects_v1_SeccompProfile__Output } from '../../../berth/objects/v1/SeccompProfile.js';
import type { Long } from '@grpc/proto-loader';

export interface SecurityContext {
  'capabilities'?: (_berth_objects_v1_Capabilities | null);
  'privileged'?: (boolean);
  'seLinuxOptions'?: (_berth_objects_v1_SELinuxOptions | null);
  'runAsUser'?: (number | string | Long);
  'runAsGroup'?: (number | string | Long);
  'runAsNonRoot'?: (boolean);
  'readOnlyRootFilesystem'?: (boolean);
  'allowPrivilegeEscalation'?: (boolean);
  'procMount'?: (string);
  'seccompProfile'?: (_berth_objects_v1_SeccompProfile | null);
  '_privileged'?: "privileged";
  '_runAsUser'?: "runAsUser";
  '_runAsGroup'?: "runAsGroup";
  '_runAsNonRoot'?: "runAsNonRoot";
  '_readOnlyRootFilesystem'?: "readOnlyRootFilesystem";
  '_allowPrivilegeEscalation'?: "allowPrivilegeEscalation";
  '_procMount'?: "procMount";
}

export interface SecurityContext__Output {
  'capabilities': (_berth_objects_v1_Capabilities__Output | null);
  'privileged'?: (boolean);
  'seLinuxOptions': (_berth_objects_v1_SELinuxOptions__Output | null);
  'runAsUser'?: (number);
  'runAsGroup'?: (number);
  'runAsNonRoot'?: (boolean);
  'readOnlyRootFilesystem'?: (boolean);
  'allowPrivilegeEscalation'?: (boolean);
  'procMount'?: (string);
  'seccompProfile': (_berth_objects_v1_SeccompProfile__Output | null);
  '_privileged'?: "privileged";
  '_runAsUser'?: "runAsUser";
  '_runAsGroup'?: "runAsGroup";
  '_runAsNonRoot'?: "runAsNonRoot";
  '_readOnlyRootFilesystem'?: "readOnlyRootFilesystem";
  '_allowPrivilegeEscalation'?: "allowPrivilegeEscalation";
  '_procMount'?: "procMount";
}
