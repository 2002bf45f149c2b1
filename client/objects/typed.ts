// Per-kind TypeScript types for objects in Kubernetes' JSON shape, derived from the types that
// proto-loader-gen-types makes from objects.proto, so that the schema stays the one source. The
// generated types describe the wire (clusterIp, IntOrString as {intVal}, bytes as Buffer); the
// mapped type KubeShape turns them into what the codec produces and accepts.
import type { ConfigMap as GenConfigMap } from '../../proto/gen/berth/objects/v1/ConfigMap.js';
import type { Container as GenContainer } from '../../proto/gen/berth/objects/v1/Container.js';
import type { ContainerStatus as GenContainerStatus } from '../../proto/gen/berth/objects/v1/ContainerStatus.js';
import type { CronJob as GenCronJob } from '../../proto/gen/berth/objects/v1/CronJob.js';
import type { CronJobSpec as GenCronJobSpec } from '../../proto/gen/berth/objects/v1/CronJobSpec.js';
import type { DaemonSet as GenDaemonSet } from '../../proto/gen/berth/objects/v1/DaemonSet.js';
import type { DaemonSetSpec as GenDaemonSetSpec } from '../../proto/gen/berth/objects/v1/DaemonSetSpec.js';
import type { Deployment as GenDeployment } from '../../proto/gen/berth/objects/v1/Deployment.js';
import type { DeploymentSpec as GenDeploymentSpec } from '../../proto/gen/berth/objects/v1/DeploymentSpec.js';
import type { DeploymentStatus as GenDeploymentStatus } from '../../proto/gen/berth/objects/v1/DeploymentStatus.js';
import type { EndpointSubset as GenEndpointSubset } from '../../proto/gen/berth/objects/v1/EndpointSubset.js';
import type { Endpoints as GenEndpoints } from '../../proto/gen/berth/objects/v1/Endpoints.js';
import type { EnvVar as GenEnvVar } from '../../proto/gen/berth/objects/v1/EnvVar.js';
import type { Event as GenEvent } from '../../proto/gen/berth/objects/v1/Event.js';
import type { HorizontalPodAutoscaler as GenHorizontalPodAutoscaler } from '../../proto/gen/berth/objects/v1/HorizontalPodAutoscaler.js';
import type { HorizontalPodAutoscalerSpec as GenHorizontalPodAutoscalerSpec } from '../../proto/gen/berth/objects/v1/HorizontalPodAutoscalerSpec.js';
import type { Job as GenJob } from '../../proto/gen/berth/objects/v1/Job.js';
import type { JobSpec as GenJobSpec } from '../../proto/gen/berth/objects/v1/JobSpec.js';
import type { LabelSelector as GenLabelSelector } from '../../proto/gen/berth/objects/v1/LabelSelector.js';
import type { MetricSpec as GenMetricSpec } from '../../proto/gen/berth/objects/v1/MetricSpec.js';
import type { Namespace as GenNamespace } from '../../proto/gen/berth/objects/v1/Namespace.js';
import type { Node as GenNode } from '../../proto/gen/berth/objects/v1/Node.js';
import type { NodeSpec as GenNodeSpec } from '../../proto/gen/berth/objects/v1/NodeSpec.js';
import type { NodeStatus as GenNodeStatus } from '../../proto/gen/berth/objects/v1/NodeStatus.js';
import type { ObjectMeta as GenObjectMeta } from '../../proto/gen/berth/objects/v1/ObjectMeta.js';
import type { ObjectReference as GenObjectReference } from '../../proto/gen/berth/objects/v1/ObjectReference.js';
import type { Pod as GenPod } from '../../proto/gen/berth/objects/v1/Pod.js';
import type { PodSpec as GenPodSpec } from '../../proto/gen/berth/objects/v1/PodSpec.js';
import type { PodStatus as GenPodStatus } from '../../proto/gen/berth/objects/v1/PodStatus.js';
import type { PodTemplateSpec as GenPodTemplateSpec } from '../../proto/gen/berth/objects/v1/PodTemplateSpec.js';
import type { PriorityClass as GenPriorityClass } from '../../proto/gen/berth/objects/v1/PriorityClass.js';
import type { Probe as GenProbe } from '../../proto/gen/berth/objects/v1/Probe.js';
import type { ReplicaSet as GenReplicaSet } from '../../proto/gen/berth/objects/v1/ReplicaSet.js';
import type { ReplicaSetSpec as GenReplicaSetSpec } from '../../proto/gen/berth/objects/v1/ReplicaSetSpec.js';
import type { Secret as GenSecret } from '../../proto/gen/berth/objects/v1/Secret.js';
import type { Service as GenService } from '../../proto/gen/berth/objects/v1/Service.js';
import type { ServicePort as GenServicePort } from '../../proto/gen/berth/objects/v1/ServicePort.js';
import type { ServiceSpec as GenServiceSpec } from '../../proto/gen/berth/objects/v1/ServiceSpec.js';
import type { StatefulSet as GenStatefulSet } from '../../proto/gen/berth/objects/v1/StatefulSet.js';
import type { StatefulSetSpec as GenStatefulSetSpec } from '../../proto/gen/berth/objects/v1/StatefulSetSpec.js';
import type { Volume as GenVolume } from '../../proto/gen/berth/objects/v1/Volume.js';
import type { KubeObject } from './types.js';

/**
 * Wire names whose Kubernetes JSON name is not their camelCase (json_name in objects.proto).
 * The unit tests check this table against the schema, so that the types cannot drift from it.
 * DaemonEndpoint's `port` ("Port" in JSON) is the one rename that does not hold for every
 * message with that field; KubeShape handles it by the message's shape.
 */
export const JSON_NAME_RENAMES = {
  podCidr: 'podCIDR',
  podCidrs: 'podCIDRs',
  providerId: 'providerID',
  machineId: 'machineID',
  systemUuid: 'systemUUID',
  bootId: 'bootID',
  hostPid: 'hostPID',
  hostIpc: 'hostIPC',
  setHostnameAsFqdn: 'setHostnameAsFQDN',
  hostIp: 'hostIP',
  hostIps: 'hostIPs',
  podIp: 'podIP',
  podIps: 'podIPs',
  imageId: 'imageID',
  containerId: 'containerID',
  clusterIp: 'clusterIP',
  clusterIps: 'clusterIPs',
  externalIps: 'externalIPs',
  loadBalancerIp: 'loadBalancerIP',
  clientIp: 'clientIP',
  downwardApi: 'downwardAPI',
} as const;

type Renames = typeof JSON_NAME_RENAMES;

/** The JSON key of a generated key; proto3 optional's virtual `_field` keys are dropped. */
type JsonKey<K> = K extends `_${string}` ? never : K extends keyof Renames ? Renames[K] : K;

type FieldKeys<T> = Exclude<keyof T, `_${string}`>;
/** A map's keyof is string, which 'intVal' would match too. */
type IsIntOrString<T> = string extends keyof T ? false : 'intVal' extends keyof T ? ('strVal' extends keyof T ? true : false) : false;
/** DaemonEndpoint is the only message whose sole field is `port`. */
type IsDaemonEndpoint<T> = [FieldKeys<T>] extends ['port'] ? (['port'] extends [FieldKeys<T>] ? true : false) : false;

/**
 * A generated input type in Kubernetes' JSON shape: json_name keys, IntOrString as a bare number
 * or string, bytes as base64 strings (Buffer and Uint8Array drop out of the generated union),
 * no nulls (the codec reads null as unset and never produces it).
 */
export type KubeShape<T> = T extends Buffer | Uint8Array | null | undefined
  ? never
  : T extends string | number | boolean
    ? T
    : T extends readonly (infer E)[]
      ? KubeShape<E>[]
      : IsIntOrString<T> extends true
        ? number | string
        : IsDaemonEndpoint<T> extends true
          ? { Port?: number }
          : { [K in keyof T as JsonKey<K>]: KubeShape<T[K]> };

/**
 * A kind's object: its shape, with apiVersion, kind and metadata required as in KubeObject. It is
 * assignable to KubeObject (checked below) without taking KubeObject's index signature, so that a
 * misspelt field in a literal is a compile error.
 */
export type Kube<T> = KubeShape<T> & Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>;

export type Namespace = Kube<GenNamespace>;
export type Node = Kube<GenNode>;
export type Pod = Kube<GenPod>;
export type Deployment = Kube<GenDeployment>;
export type ReplicaSet = Kube<GenReplicaSet>;
export type StatefulSet = Kube<GenStatefulSet>;
export type DaemonSet = Kube<GenDaemonSet>;
export type Job = Kube<GenJob>;
export type CronJob = Kube<GenCronJob>;
export type Service = Kube<GenService>;
export type Endpoints = Kube<GenEndpoints>;
export type ConfigMap = Kube<GenConfigMap>;
export type Secret = Kube<GenSecret>;
export type Event = Kube<GenEvent>;
export type HorizontalPodAutoscaler = Kube<GenHorizontalPodAutoscaler>;
export type PriorityClass = Kube<GenPriorityClass>;

export type ObjectMeta = KubeShape<GenObjectMeta>;
export type LabelSelector = KubeShape<GenLabelSelector>;
export type PodTemplateSpec = KubeShape<GenPodTemplateSpec>;
export type PodSpec = KubeShape<GenPodSpec>;
export type PodStatus = KubeShape<GenPodStatus>;
export type Container = KubeShape<GenContainer>;
export type ContainerStatus = KubeShape<GenContainerStatus>;
export type Volume = KubeShape<GenVolume>;
export type Probe = KubeShape<GenProbe>;
export type EnvVar = KubeShape<GenEnvVar>;
export type DeploymentSpec = KubeShape<GenDeploymentSpec>;
export type DeploymentStatus = KubeShape<GenDeploymentStatus>;
export type ReplicaSetSpec = KubeShape<GenReplicaSetSpec>;
export type StatefulSetSpec = KubeShape<GenStatefulSetSpec>;
export type DaemonSetSpec = KubeShape<GenDaemonSetSpec>;
export type JobSpec = KubeShape<GenJobSpec>;
export type CronJobSpec = KubeShape<GenCronJobSpec>;
export type ServiceSpec = KubeShape<GenServiceSpec>;
export type ServicePort = KubeShape<GenServicePort>;
export type EndpointSubset = KubeShape<GenEndpointSubset>;
export type ObjectReference = KubeShape<GenObjectReference>;
export type HorizontalPodAutoscalerSpec = KubeShape<GenHorizontalPodAutoscalerSpec>;
export type MetricSpec = KubeShape<GenMetricSpec>;
export type NodeSpec = KubeShape<GenNodeSpec>;
export type NodeStatus = KubeShape<GenNodeStatus>;

/** Every kind's type, by kind name. */
export interface KindTypes {
  Namespace: Namespace;
  Node: Node;
  Pod: Pod;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  StatefulSet: StatefulSet;
  DaemonSet: DaemonSet;
  Job: Job;
  CronJob: CronJob;
  Service: Service;
  Endpoints: Endpoints;
  ConfigMap: ConfigMap;
  Secret: Secret;
  Event: Event;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  PriorityClass: PriorityClass;
}

/** Fails to compile when a kind's type stops being usable where the SDK takes a KubeObject. */
const _everyKindIsKubeObject: { [K in keyof KindTypes]: KindTypes[K] extends KubeObject ? true : never } = {
  Namespace: true,
  Node: true,
  Pod: true,
  Deployment: true,
  ReplicaSet: true,
  StatefulSet: true,
  DaemonSet: true,
  Job: true,
  CronJob: true,
  Service: true,
  Endpoints: true,
  ConfigMap: true,
  Secret: true,
  Event: true,
  HorizontalPodAutoscaler: true,
  PriorityClass: true,
};
void _everyKindIsKubeObject;
