// Original file: proto/berth/objects/v1/objects.proto

import type { Volume as _berth_objects_v1_Volume, Volume__Output as _berth_objects_v1_Volume__Output } from '../../../berth/objects/v1/Volume.js';
import type { Container as _berth_objects_v1_Container, Container__Output as _berth_objects_v1_Container__Output } from '../../../berth/objects/v1/Container.js';
import type { PodSecurityContext as _berth_objects_v1_PodSecurityContext, PodSecurityContext__Output as _berth_objects_v1_PodSecurityContext__Output } from '../../../berth/objects/v1/PodSecurityContext.js';
import type { LocalObjectReference as _berth_objects_v1_LocalObjectReference, LocalObjectReference__Output as _berth_objects_v1_LocalObjectReference__Output } from '../../../berth/objects/v1/LocalObjectReference.js';
import type { Affinity as _berth_objects_v1_Affinity, Affinity__Output as _berth_objects_v1_Affinity__Output } from '../../../berth/objects/v1/Affinity.js';
import type { Toleration as _berth_objects_v1_Toleration, Toleration__Output as _berth_objects_v1_Toleration__Output } from '../../../berth/objects/v1/Toleration.js';
import type { HostAlias as _berth_objects_v1_HostAlias, HostAlias__Output as _berth_objects_v1_HostAlias__Output } from '../../../berth/objects/v1/HostAlias.js';
import type { PodDNSConfig as _berth_objects_v1_PodDNSConfig, PodDNSConfig__Output as _berth_objects_v1_PodDNSConfig__Output } from '../../../berth/objects/v1/PodDNSConfig.js';
import type { PodReadinessGate as _berth_objects_v1_PodReadinessGate, PodReadinessGate__Output as _berth_objects_v1_PodReadinessGate__Output } from '../../../berth/objects/v1/PodReadinessGate.js';
import type { TopologySpreadConstraint as _berth_objects_v1_TopologySpreadConstraint, TopologySpreadConstraint__Output as _berth_objects_v1_TopologySpreadConstraint__Output } from '../../../berth/objects/v1/TopologySpreadConstraint.js';
import type { PodOS as _berth_objects_v1_PodOS, PodOS__Output as _berth_objects_v1_PodOS__Output } from '../../../berth/objects/v1/PodOS.js';
import type { Long } from '@grpc/proto-loader';

export interface PodSpec {
  'volumes'?: (_berth_objects_v1_Volume)[];
  /**
   * Run one after another, each to completion, before the containers start.
   */
  'initContainers'?: (_berth_objects_v1_Container)[];
  'containers'?: (_berth_objects_v1_Container)[];
  /**
   * Always, OnFailure or Never
   */
  'restartPolicy'?: (string);
  'terminationGracePeriodSeconds'?: (number | string | Long);
  'activeDeadlineSeconds'?: (number | string | Long);
  /**
   * ClusterFirst, ClusterFirstWithHostNet, Default or None
   */
  'dnsPolicy'?: (string);
  'nodeSelector'?: ({[key: string]: string});
  'serviceAccountName'?: (string);
  /**
   * Deprecated alias of service_account_name, still in manifests.
   */
  'serviceAccount'?: (string);
  'automountServiceAccountToken'?: (boolean);
  /**
   * Set by the scheduler (or by hand, which skips scheduling).
   */
  'nodeName'?: (string);
  'hostNetwork'?: (boolean);
  'hostPid'?: (boolean);
  'hostIpc'?: (boolean);
  'shareProcessNamespace'?: (boolean);
  'securityContext'?: (_berth_objects_v1_PodSecurityContext | null);
  'imagePullSecrets'?: (_berth_objects_v1_LocalObjectReference)[];
  'hostname'?: (string);
  'subdomain'?: (string);
  'affinity'?: (_berth_objects_v1_Affinity | null);
  'schedulerName'?: (string);
  'tolerations'?: (_berth_objects_v1_Toleration)[];
  'hostAliases'?: (_berth_objects_v1_HostAlias)[];
  'priorityClassName'?: (string);
  'priority'?: (number);
  'dnsConfig'?: (_berth_objects_v1_PodDNSConfig | null);
  'readinessGates'?: (_berth_objects_v1_PodReadinessGate)[];
  'runtimeClassName'?: (string);
  'enableServiceLinks'?: (boolean);
  /**
   * Never or PreemptLowerPriority
   */
  'preemptionPolicy'?: (string);
  /**
   * Quantities the pod's sandbox costs on top of its containers.
   */
  'overhead'?: ({[key: string]: string});
  'topologySpreadConstraints'?: (_berth_objects_v1_TopologySpreadConstraint)[];
  'setHostnameAsFqdn'?: (boolean);
  'os'?: (_berth_objects_v1_PodOS | null);
  'hostUsers'?: (boolean);
  '_restartPolicy'?: "restartPolicy";
  '_terminationGracePeriodSeconds'?: "terminationGracePeriodSeconds";
  '_activeDeadlineSeconds'?: "activeDeadlineSeconds";
  '_dnsPolicy'?: "dnsPolicy";
  '_serviceAccountName'?: "serviceAccountName";
  '_serviceAccount'?: "serviceAccount";
  '_automountServiceAccountToken'?: "automountServiceAccountToken";
  '_nodeName'?: "nodeName";
  '_hostNetwork'?: "hostNetwork";
  '_hostPid'?: "hostPid";
  '_hostIpc'?: "hostIpc";
  '_shareProcessNamespace'?: "shareProcessNamespace";
  '_hostname'?: "hostname";
  '_subdomain'?: "subdomain";
  '_schedulerName'?: "schedulerName";
  '_priorityClassName'?: "priorityClassName";
  '_priority'?: "priority";
  '_runtimeClassName'?: "runtimeClassName";
  '_enableServiceLinks'?: "enableServiceLinks";
  '_preemptionPolicy'?: "preemptionPolicy";
  '_setHostnameAsFqdn'?: "setHostnameAsFqdn";
  '_hostUsers'?: "hostUsers";
}

export interface PodSpec__Output {
  'volumes': (_berth_objects_v1_Volume__Output)[];
  /**
   * Run one after another, each to completion, before the containers start.
   */
  'initContainers': (_berth_objects_v1_Container__Output)[];
  'containers': (_berth_objects_v1_Container__Output)[];
  /**
   * Always, OnFailure or Never
   */
  'restartPolicy'?: (string);
  'terminationGracePeriodSeconds'?: (number);
  'activeDeadlineSeconds'?: (number);
  /**
   * ClusterFirst, ClusterFirstWithHostNet, Default or None
   */
  'dnsPolicy'?: (string);
  'nodeSelector': ({[key: string]: string});
  'serviceAccountName'?: (string);
  /**
   * Deprecated alias of service_account_name, still in manifests.
   */
  'serviceAccount'?: (string);
  'automountServiceAccountToken'?: (boolean);
  /**
   * Set by the scheduler (or by hand, which skips scheduling).
   */
  'nodeName'?: (string);
  'hostNetwork'?: (boolean);
  'hostPid'?: (boolean);
  'hostIpc'?: (boolean);
  'shareProcessNamespace'?: (boolean);
  'securityContext': (_berth_objects_v1_PodSecurityContext__Output | null);
  'imagePullSecrets': (_berth_objects_v1_LocalObjectReference__Output)[];
  'hostname'?: (string);
  'subdomain'?: (string);
  'affinity': (_berth_objects_v1_Affinity__Output | null);
  'schedulerName'?: (string);
  'tolerations': (_berth_objects_v1_Toleration__Output)[];
  'hostAliases': (_berth_objects_v1_HostAlias__Output)[];
  'priorityClassName'?: (string);
  'priority'?: (number);
  'dnsConfig': (_berth_objects_v1_PodDNSConfig__Output | null);
  'readinessGates': (_berth_objects_v1_PodReadinessGate__Output)[];
  'runtimeClassName'?: (string);
  'enableServiceLinks'?: (boolean);
  /**
   * Never or PreemptLowerPriority
   */
  'preemptionPolicy'?: (string);
  /**
   * Quantities the pod's sandbox costs on top of its containers.
   */
  'overhead': ({[key: string]: string});
  'topologySpreadConstraints': (_berth_objects_v1_TopologySpreadConstraint__Output)[];
  'setHostnameAsFqdn'?: (boolean);
  'os': (_berth_objects_v1_PodOS__Output | null);
  'hostUsers'?: (boolean);
  '_restartPolicy'?: "restartPolicy";
  '_terminationGracePeriodSeconds'?: "terminationGracePeriodSeconds";
  '_activeDeadlineSeconds'?: "activeDeadlineSeconds";
  '_dnsPolicy'?: "dnsPolicy";
  '_serviceAccountName'?: "serviceAccountName";
  '_serviceAccount'?: "serviceAccount";
  '_automountServiceAccountToken'?: "automountServiceAccountToken";
  '_nodeName'?: "nodeName";
  '_hostNetwork'?: "hostNetwork";
  '_hostPid'?: "hostPid";
  '_hostIpc'?: "hostIpc";
  '_shareProcessNamespace'?: "shareProcessNamespace";
  '_hostname'?: "hostname";
  '_subdomain'?: "subdomain";
  '_schedulerName'?: "schedulerName";
  '_priorityClassName'?: "priorityClassName";
  '_priority'?: "priority";
  '_runtimeClassName'?: "runtimeClassName";
  '_enableServiceLinks'?: "enableServiceLinks";
  '_preemptionPolicy'?: "preemptionPolicy";
  '_setHostnameAsFqdn'?: "setHostnameAsFqdn";
  '_hostUsers'?: "hostUsers";
}
