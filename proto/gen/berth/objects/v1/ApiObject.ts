// Original file: proto/berth/objects/v1/objects.proto

import type { Namespace as _berth_objects_v1_Namespace, Namespace__Output as _berth_objects_v1_Namespace__Output } from '../../../berth/objects/v1/Namespace.js';
import type { Node as _berth_objects_v1_Node, Node__Output as _berth_objects_v1_Node__Output } from '../../../berth/objects/v1/Node.js';
import type { Pod as _berth_objects_v1_Pod, Pod__Output as _berth_objects_v1_Pod__Output } from '../../../berth/objects/v1/Pod.js';
import type { Deployment as _berth_objects_v1_Deployment, Deployment__Output as _berth_objects_v1_Deployment__Output } from '../../../berth/objects/v1/Deployment.js';
import type { ReplicaSet as _berth_objects_v1_ReplicaSet, ReplicaSet__Output as _berth_objects_v1_ReplicaSet__Output } from '../../../berth/objects/v1/ReplicaSet.js';
import type { StatefulSet as _berth_objects_v1_StatefulSet, StatefulSet__Output as _berth_objects_v1_StatefulSet__Output } from '../../../berth/objects/v1/StatefulSet.js';
import type { DaemonSet as _berth_objects_v1_DaemonSet, DaemonSet__Output as _berth_objects_v1_DaemonSet__Output } from '../../../berth/objects/v1/DaemonSet.js';
import type { Job as _berth_objects_v1_Job, Job__Output as _berth_objects_v1_Job__Output } from '../../../berth/objects/v1/Job.js';
import type { CronJob as _berth_objects_v1_CronJob, CronJob__Output as _berth_objects_v1_CronJob__Output } from '../../../berth/objects/v1/CronJob.js';
import type { Service as _berth_objects_v1_Service, Service__Output as _berth_objects_v1_Service__Output } from '../../../berth/objects/v1/Service.js';
import type { Endpoints as _berth_objects_v1_Endpoints, Endpoints__Output as _berth_objects_v1_Endpoints__Output } from '../../../berth/objects/v1/Endpoints.js';
import type { ConfigMap as _berth_objects_v1_ConfigMap, ConfigMap__Output as _berth_objects_v1_ConfigMap__Output } from '../../../berth/objects/v1/ConfigMap.js';
import type { Secret as _berth_objects_v1_Secret, Secret__Output as _berth_objects_v1_Secret__Output } from '../../../berth/objects/v1/Secret.js';
import type { Event as _berth_objects_v1_Event, Event__Output as _berth_objects_v1_Event__Output } from '../../../berth/objects/v1/Event.js';
import type { HorizontalPodAutoscaler as _berth_objects_v1_HorizontalPodAutoscaler, HorizontalPodAutoscaler__Output as _berth_objects_v1_HorizontalPodAutoscaler__Output } from '../../../berth/objects/v1/HorizontalPodAutoscaler.js';
import type { PriorityClass as _berth_objects_v1_PriorityClass, PriorityClass__Output as _berth_objects_v1_PriorityClass__Output } from '../../../berth/objects/v1/PriorityClass.js';

/**
 * Any one object: what the API's requests and responses carry.
 */
export interface ApiObject {
  'namespace'?: (_berth_objects_v1_Namespace | null);
  'node'?: (_berth_objects_v1_Node | null);
  'pod'?: (_berth_objects_v1_Pod | null);
  'deployment'?: (_berth_objects_v1_Deployment | null);
  'replicaSet'?: (_berth_objects_v1_ReplicaSet | null);
  'statefulSet'?: (_berth_objects_v1_StatefulSet | null);
  'daemonSet'?: (_berth_objects_v1_DaemonSet | null);
  'job'?: (_berth_objects_v1_Job | null);
  'cronJob'?: (_berth_objects_v1_CronJob | null);
  'service'?: (_berth_objects_v1_Service | null);
  'endpoints'?: (_berth_objects_v1_Endpoints | null);
  'configMap'?: (_berth_objects_v1_ConfigMap | null);
  'secret'?: (_berth_objects_v1_Secret | null);
  'event'?: (_berth_objects_v1_Event | null);
  'horizontalPodAutoscaler'?: (_berth_objects_v1_HorizontalPodAutoscaler | null);
  'priorityClass'?: (_berth_objects_v1_PriorityClass | null);
  'object'?: "namespace"|"node"|"pod"|"deployment"|"replicaSet"|"statefulSet"|"daemonSet"|"job"|"cronJob"|"service"|"endpoints"|"configMap"|"secret"|"event"|"horizontalPodAutoscaler"|"priorityClass";
}

/**
 * Any one object: what the API's requests and responses carry.
 */
export interface ApiObject__Output {
  'namespace'?: (_berth_objects_v1_Namespace__Output | null);
  'node'?: (_berth_objects_v1_Node__Output | null);
  'pod'?: (_berth_objects_v1_Pod__Output | null);
  'deployment'?: (_berth_objects_v1_Deployment__Output | null);
  'replicaSet'?: (_berth_objects_v1_ReplicaSet__Output | null);
  'statefulSet'?: (_berth_objects_v1_StatefulSet__Output | null);
  'daemonSet'?: (_berth_objects_v1_DaemonSet__Output | null);
  'job'?: (_berth_objects_v1_Job__Output | null);
  'cronJob'?: (_berth_objects_v1_CronJob__Output | null);
  'service'?: (_berth_objects_v1_Service__Output | null);
  'endpoints'?: (_berth_objects_v1_Endpoints__Output | null);
  'configMap'?: (_berth_objects_v1_ConfigMap__Output | null);
  'secret'?: (_berth_objects_v1_Secret__Output | null);
  'event'?: (_berth_objects_v1_Event__Output | null);
  'horizontalPodAutoscaler'?: (_berth_objects_v1_HorizontalPodAutoscaler__Output | null);
  'priorityClass'?: (_berth_objects_v1_PriorityClass__Output | null);
  'object'?: "namespace"|"node"|"pod"|"deployment"|"replicaSet"|"statefulSet"|"daemonSet"|"job"|"cronJob"|"service"|"endpoints"|"configMap"|"secret"|"event"|"horizontalPodAutoscaler"|"priorityClass";
}
