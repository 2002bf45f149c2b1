// Original file: proto/berth/objects/v1/objects.proto

import type { ContainerPort as _berth_objects_v1_ContainerPort, ContainerPort__Output as _berth_objects_v1_ContainerPort__Output } from '../../../berth/objects/v1/ContainerPort.js';
import type { EnvFromSource as _berth_objects_v1_EnvFromSource, EnvFromSource__Output as _berth_objects_v1_EnvFromSource__Output } from '../../../berth/objects/v1/EnvFromSource.js';
import type { EnvVar as _berth_objects_v1_EnvVar, EnvVar__Output as _berth_objects_v1_EnvVar__Output } from '../../../berth/objects/v1/EnvVar.js';
import type { ResourceRequirements as _berth_objects_v1_ResourceRequirements, ResourceRequirements__Output as _berth_objects_v1_ResourceRequirements__Output } from '../../../berth/objects/v1/ResourceRequirements.js';
import type { VolumeMount as _berth_objects_v1_VolumeMount, VolumeMount__Output as _berth_objects_v1_VolumeMount__Output } from '../../../berth/objects/v1/VolumeMount.js';
import type { Probe as _berth_objects_v1_Probe, Probe__Output as _berth_objects_v1_Probe__Output } from '../../../berth/objects/v1/Probe.js';
import type { Lifecycle as _berth_objects_v1_Lifecycle, Lifecycle__Output as _berth_objects_v1_Lifecycle__Output } from '../../../berth/objects/v1/Lifecycle.js';
import type { SecurityContext as _berth_objects_v1_SecurityContext, SecurityContext__Output as _berth_objects_v1_SecurityContext__Output } from '../../../berth/objects/v1/SecurityContext.js';

export interface Container {
  'name'?: (string);
  'image'?: (string);
  /**
   * The entrypoint; the image's ENTRYPOINT when empty.
   */
  'command'?: (string)[];
  'args'?: (string)[];
  'workingDir'?: (string);
  'ports'?: (_berth_objects_v1_ContainerPort)[];
  'envFrom'?: (_berth_objects_v1_EnvFromSource)[];
  'env'?: (_berth_objects_v1_EnvVar)[];
  'resources'?: (_berth_objects_v1_ResourceRequirements | null);
  'volumeMounts'?: (_berth_objects_v1_VolumeMount)[];
  'livenessProbe'?: (_berth_objects_v1_Probe | null);
  'readinessProbe'?: (_berth_objects_v1_Probe | null);
  'startupProbe'?: (_berth_objects_v1_Probe | null);
  'lifecycle'?: (_berth_objects_v1_Lifecycle | null);
  'terminationMessagePath'?: (string);
  /**
   * File or FallbackToLogsOnError
   */
  'terminationMessagePolicy'?: (string);
  /**
   * Always, IfNotPresent or Never
   */
  'imagePullPolicy'?: (string);
  'securityContext'?: (_berth_objects_v1_SecurityContext | null);
  'stdin'?: (boolean);
  'stdinOnce'?: (boolean);
  'tty'?: (boolean);
  /**
   * Only "Always", on an init container: a sidecar that keeps running.
   */
  'restartPolicy'?: (string);
  '_name'?: "name";
  '_image'?: "image";
  '_workingDir'?: "workingDir";
  '_terminationMessagePath'?: "terminationMessagePath";
  '_terminationMessagePolicy'?: "terminationMessagePolicy";
  '_imagePullPolicy'?: "imagePullPolicy";
  '_stdin'?: "stdin";
  '_stdinOnce'?: "stdinOnce";
  '_tty'?: "tty";
  '_restartPolicy'?: "restartPolicy";
}

export interface Container__Output {
  'name'?: (string);
  'image'?: (string);
  /**
   * The entrypoint; the image's ENTRYPOINT when empty.
   */
  'command': (string)[];
  'args': (string)[];
  'workingDir'?: (string);
  'ports': (_berth_objects_v1_ContainerPort__Output)[];
  'envFrom': (_berth_objects_v1_EnvFromSource__Output)[];
  'env': (_berth_objects_v1_EnvVar__Output)[];
  'resources': (_berth_objects_v1_ResourceRequirements__Output | null);
  'volumeMounts': (_berth_objects_v1_VolumeMount__Output)[];
  'livenessProbe': (_berth_objects_v1_Probe__Output | null);
  'readinessProbe': (_berth_objects_v1_Probe__Output | null);
  'startupProbe': (_berth_objects_v1_Probe__Output | null);
  'lifecycle': (_berth_objects_v1_Lifecycle__Output | null);
  'terminationMessagePath'?: (string);
  /**
   * File or FallbackToLogsOnError
   */
  'terminationMessagePolicy'?: (string);
  /**
   * Always, IfNotPresent or Never
   */
  'imagePullPolicy'?: (string);
  'securityContext': (_berth_objects_v1_SecurityContext__Output | null);
  'stdin'?: (boolean);
  'stdinOnce'?: (boolean);
  'tty'?: (boolean);
  /**
   * Only "Always", on an init container: a sidecar that keeps running.
   */
  'restartPolicy'?: (string);
  '_name'?: "name";
  '_image'?: "image";
  '_workingDir'?: "workingDir";
  '_terminationMessagePath'?: "terminationMessagePath";
  '_terminationMessagePolicy'?: "terminationMessagePolicy";
  '_imagePullPolicy'?: "imagePullPolicy";
  '_stdin'?: "stdin";
  '_stdinOnce'?: "stdinOnce";
  '_tty'?: "tty";
  '_restartPolicy'?: "restartPolicy";
}
