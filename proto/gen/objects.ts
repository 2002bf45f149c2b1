import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from './berth/objects/v1/ApiObject.js';
import type { ConfigMap as _berth_objects_v1_ConfigMap, ConfigMap__Output as _berth_objects_v1_ConfigMap__Output } from './berth/objects/v1/ConfigMap.js';
import type { CronJob as _berth_objects_v1_CronJob, CronJob__Output as _berth_objects_v1_CronJob__Output } from './berth/objects/v1/CronJob.js';
import type { CronJobSpec as _berth_objects_v1_CronJobSpec, CronJobSpec__Output as _berth_objects_v1_CronJobSpec__Output } from './berth/objects/v1/CronJobSpec.js';
import type { CronJobStatus as _berth_objects_v1_CronJobStatus, CronJobStatus__Output as _berth_objects_v1_CronJobStatus__Output } from './berth/objects/v1/CronJobStatus.js';
import type { DaemonSet as _berth_objects_v1_DaemonSet, DaemonSet__Output as _berth_objects_v1_DaemonSet__Output } from './berth/objects/v1/DaemonSet.js';
import type { DaemonSetSpec as _berth_objects_v1_DaemonSetSpec, DaemonSetSpec__Output as _berth_objects_v1_DaemonSetSpec__Output } from './berth/objects/v1/DaemonSetSpec.js';
import type { DaemonSetStatus as _berth_objects_v1_DaemonSetStatus, DaemonSetStatus__Output as _berth_objects_v1_DaemonSetStatus__Output } from './berth/objects/v1/DaemonSetStatus.js';
import type { Deployment as _berth_objects_v1_Deployment, Deployment__Output as _berth_objects_v1_Deployment__Output } from './berth/objects/v1/Deployment.js';
import type { DeploymentSpec as _berth_objects_v1_DeploymentSpec, DeploymentSpec__Output as _berth_objects_v1_DeploymentSpec__Output } from './berth/objects/v1/DeploymentSpec.js';
import type { DeploymentStatus as _berth_objects_v1_DeploymentStatus, DeploymentStatus__Output as _berth_objects_v1_DeploymentStatus__Output } from './berth/objects/v1/DeploymentStatus.js';
import type { EndpointSubset as _berth_objects_v1_EndpointSubset, EndpointSubset__Output as _berth_objects_v1_EndpointSubset__Output } from './berth/objects/v1/EndpointSubset.js';
import type { Endpoints as _berth_objects_v1_Endpoints, Endpoints__Output as _berth_objects_v1_Endpoints__Output } from './berth/objects/v1/Endpoints.js';
import type { Event as _berth_objects_v1_Event, Event__Output as _berth_objects_v1_Event__Output } from './berth/objects/v1/Event.js';
import type { EventSource as _berth_objects_v1_EventSource, EventSource__Output as _berth_objects_v1_EventSource__Output } from './berth/objects/v1/EventSource.js';
import type { HorizontalPodAutoscaler as _berth_objects_v1_HorizontalPodAutoscaler, HorizontalPodAutoscaler__Output as _berth_objects_v1_HorizontalPodAutoscaler__Output } from './berth/objects/v1/HorizontalPodAutoscaler.js';
import type { HorizontalPodAutoscalerSpec as _berth_objects_v1_HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerSpec__Output as _berth_objects_v1_HorizontalPodAutoscalerSpec__Output } from './berth/objects/v1/HorizontalPodAutoscalerSpec.js';
import type { HorizontalPodAutoscalerStatus as _berth_objects_v1_HorizontalPodAutoscalerStatus, HorizontalPodAutoscalerStatus__Output as _berth_objects_v1_HorizontalPodAutoscalerStatus__Output } from './berth/objects/v1/HorizontalPodAutoscalerStatus.js';
import type { IntOrString as _berth_objects_v1_IntOrString, IntOrString__Output as _berth_objects_v1_IntOrString__Output } from './berth/objects/v1/IntOrString.js';
import type { Job as _berth_objects_v1_Job, Job__Output as _berth_objects_v1_Job__Output } from './berth/objects/v1/Job.js';
import type { JobSpec as _berth_objects_v1_JobSpec, JobSpec__Output as _berth_objects_v1_JobSpec__Output } from './berth/objects/v1/JobSpec.js';
import type { JobStatus as _berth_objects_v1_JobStatus, JobStatus__Output as _berth_objects_v1_JobStatus__Output } from './berth/objects/v1/JobStatus.js';
import type { LabelSelector as _berth_objects_v1_LabelSelector, LabelSelector__Output as _berth_objects_v1_LabelSelector__Output } from './berth/objects/v1/LabelSelector.js';
import type { LabelSelectorRequirement as _berth_objects_v1_LabelSelectorRequirement, LabelSelectorRequirement__Output as _berth_objects_v1_LabelSelectorRequirement__Output } from './berth/objects/v1/LabelSelectorRequirement.js';
import type { Namespace as _berth_objects_v1_Namespace, Namespace__Output as _berth_objects_v1_Namespace__Output } from './berth/objects/v1/Namespace.js';
import type { NamespaceSpec as _berth_objects_v1_NamespaceSpec, NamespaceSpec__Output as _berth_objects_v1_NamespaceSpec__Output } from './berth/objects/v1/NamespaceSpec.js';
import type { NamespaceStatus as _berth_objects_v1_NamespaceStatus, NamespaceStatus__Output as _berth_objects_v1_NamespaceStatus__Output } from './berth/objects/v1/NamespaceStatus.js';
import type { Node as _berth_objects_v1_Node, Node__Output as _berth_objects_v1_Node__Output } from './berth/objects/v1/Node.js';
import type { NodeSpec as _berth_objects_v1_NodeSpec, NodeSpec__Output as _berth_objects_v1_NodeSpec__Output } from './berth/objects/v1/NodeSpec.js';
import type { NodeStatus as _berth_objects_v1_NodeStatus, NodeStatus__Output as _berth_objects_v1_NodeStatus__Output } from './berth/objects/v1/NodeStatus.js';
import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from './berth/objects/v1/ObjectMeta.js';
import type { ObjectReference as _berth_objects_v1_ObjectReference, ObjectReference__Output as _berth_objects_v1_ObjectReference__Output } from './berth/objects/v1/ObjectReference.js';
import type { OwnerReference as _berth_objects_v1_OwnerReference, OwnerReference__Output as _berth_objects_v1_OwnerReference__Output } from './berth/objects/v1/OwnerReference.js';
import type { Pod as _berth_objects_v1_Pod, Pod__Output as _berth_objects_v1_Pod__Output } from './berth/objects/v1/Pod.js';
import type { PodSpec as _berth_objects_v1_PodSpec, PodSpec__Output as _berth_objects_v1_PodSpec__Output } from './berth/objects/v1/PodSpec.js';
import type { PodStatus as _berth_objects_v1_PodStatus, PodStatus__Output as _berth_objects_v1_PodStatus__Output } from './berth/objects/v1/PodStatus.js';
import type { ReplicaSet as _berth_objects_v1_ReplicaSet, ReplicaSet__Output as _berth_objects_v1_ReplicaSet__Output } from './berth/objects/v1/ReplicaSet.js';
import type { ReplicaSetSpec as _berth_objects_v1_ReplicaSetSpec, ReplicaSetSpec__Output as _berth_objects_v1_ReplicaSetSpec__Output } from './berth/objects/v1/ReplicaSetSpec.js';
import type { ReplicaSetStatus as _berth_objects_v1_ReplicaSetStatus, ReplicaSetStatus__Output as _berth_objects_v1_ReplicaSetStatus__Output } from './berth/objects/v1/ReplicaSetStatus.js';
import type { Secret as _berth_objects_v1_Secret, Secret__Output as _berth_objects_v1_Secret__Output } from './berth/objects/v1/Secret.js';
import type { Service as _berth_objects_v1_Service, Service__Output as _berth_objects_v1_Service__Output } from './berth/objects/v1/Service.js';
import type { ServiceSpec as _berth_objects_v1_ServiceSpec, ServiceSpec__Output as _berth_objects_v1_ServiceSpec__Output } from './berth/objects/v1/ServiceSpec.js';
import type { ServiceStatus as _berth_objects_v1_ServiceStatus, ServiceStatus__Output as _berth_objects_v1_ServiceStatus__Output } from './berth/objects/v1/ServiceStatus.js';
import type { StatefulSet as _berth_objects_v1_StatefulSet, StatefulSet__Output as _berth_objects_v1_StatefulSet__Output } from './berth/objects/v1/StatefulSet.js';
import type { StatefulSetSpec as _berth_objects_v1_StatefulSetSpec, StatefulSetSpec__Output as _berth_objects_v1_StatefulSetSpec__Output } from './berth/objects/v1/StatefulSetSpec.js';
import type { StatefulSetStatus as _berth_objects_v1_StatefulSetStatus, StatefulSetStatus__Output as _berth_objects_v1_StatefulSetStatus__Output } from './berth/objects/v1/StatefulSetStatus.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    objects: {
      v1: {
        ApiObject: MessageTypeDefinition<_berth_objects_v1_ApiObject, _berth_objects_v1_ApiObject__Output>
        ConfigMap: MessageTypeDefinition<_berth_objects_v1_ConfigMap, _berth_objects_v1_ConfigMap__Output>
        CronJob: MessageTypeDefinition<_berth_objects_v1_CronJob, _berth_objects_v1_CronJob__Output>
        CronJobSpec: MessageTypeDefinition<_berth_objects_v1_CronJobSpec, _berth_objects_v1_CronJobSpec__Output>
        CronJobStatus: MessageTypeDefinition<_berth_objects_v1_CronJobStatus, _berth_objects_v1_CronJobStatus__Output>
        DaemonSet: MessageTypeDefinition<_berth_objects_v1_DaemonSet, _berth_objects_v1_DaemonSet__Output>
        DaemonSetSpec: MessageTypeDefinition<_berth_objects_v1_DaemonSetSpec, _berth_objects_v1_DaemonSetSpec__Output>
        DaemonSetStatus: MessageTypeDefinition<_berth_objects_v1_DaemonSetStatus, _berth_objects_v1_DaemonSetStatus__Output>
        Deployment: MessageTypeDefinition<_berth_objects_v1_Deployment, _berth_objects_v1_Deployment__Output>
        DeploymentSpec: MessageTypeDefinition<_berth_objects_v1_DeploymentSpec, _berth_objects_v1_DeploymentSpec__Output>
        DeploymentStatus: MessageTypeDefinition<_berth_objects_v1_DeploymentStatus, _berth_objects_v1_DeploymentStatus__Output>
        EndpointSubset: MessageTypeDefinition<_berth_objects_v1_EndpointSubset, _berth_objects_v1_EndpointSubset__Output>
        Endpoints: MessageTypeDefinition<_berth_objects_v1_Endpoints, _berth_objects_v1_Endpoints__Output>
        Event: MessageTypeDefinition<_berth_objects_v1_Event, _berth_objects_v1_Event__Output>
        EventSource: MessageTypeDefinition<_berth_objects_v1_EventSource, _berth_objects_v1_EventSource__Output>
        HorizontalPodAutoscaler: MessageTypeDefinition<_berth_objects_v1_HorizontalPodAutoscaler, _berth_objects_v1_HorizontalPodAutoscaler__Output>
        HorizontalPodAutoscalerSpec: MessageTypeDefinition<_berth_objects_v1_HorizontalPodAutoscalerSpec, _berth_objects_v1_HorizontalPodAutoscalerSpec__Output>
        HorizontalPodAutoscalerStatus: MessageTypeDefinition<_berth_objects_v1_HorizontalPodAutoscalerStatus, _berth_objects_v1_HorizontalPodAutoscalerStatus__Output>
        IntOrString: MessageTypeDefinition<_berth_objects_v1_IntOrString, _berth_objects_v1_IntOrString__Output>
        Job: MessageTypeDefinition<_berth_objects_v1_Job, _berth_objects_v1_Job__Output>
        JobSpec: MessageTypeDefinition<_berth_objects_v1_JobSpec, _berth_objects_v1_JobSpec__Output>
        JobStatus: MessageTypeDefinition<_berth_objects_v1_JobStatus, _berth_objects_v1_JobStatus__Output>
        LabelSelector: MessageTypeDefinition<_berth_objects_v1_LabelSelector, _berth_objects_v1_LabelSelector__Output>
        LabelSelectorRequirement: MessageTypeDefinition<_berth_objects_v1_LabelSelectorRequirement, _berth_objects_v1_LabelSelectorRequirement__Output>
        Namespace: MessageTypeDefinition<_berth_objects_v1_Namespace, _berth_objects_v1_Namespace__Output>
        NamespaceSpec: MessageTypeDefinition<_berth_objects_v1_NamespaceSpec, _berth_objects_v1_NamespaceSpec__Output>
        NamespaceStatus: MessageTypeDefinition<_berth_objects_v1_NamespaceStatus, _berth_objects_v1_NamespaceStatus__Output>
        Node: MessageTypeDefinition<_berth_objects_v1_Node, _berth_objects_v1_Node__Output>
        NodeSpec: MessageTypeDefinition<_berth_objects_v1_NodeSpec, _berth_objects_v1_NodeSpec__Output>
        NodeStatus: MessageTypeDefinition<_berth_objects_v1_NodeStatus, _berth_objects_v1_NodeStatus__Output>
        ObjectMeta: MessageTypeDefinition<_berth_objects_v1_ObjectMeta, _berth_objects_v1_ObjectMeta__Output>
        ObjectReference: MessageTypeDefinition<_berth_objects_v1_ObjectReference, _berth_objects_v1_ObjectReference__Output>
        OwnerReference: MessageTypeDefinition<_berth_objects_v1_OwnerReference, _berth_objects_v1_OwnerReference__Output>
        Pod: MessageTypeDefinition<_berth_objects_v1_Pod, _berth_objects_v1_Pod__Output>
        PodSpec: MessageTypeDefinition<_berth_objects_v1_PodSpec, _berth_objects_v1_PodSpec__Output>
        PodStatus: MessageTypeDefinition<_berth_objects_v1_PodStatus, _berth_objects_v1_PodStatus__Output>
        ReplicaSet: MessageTypeDefinition<_berth_objects_v1_ReplicaSet, _berth_objects_v1_ReplicaSet__Output>
        ReplicaSetSpec: MessageTypeDefinition<_berth_objects_v1_ReplicaSetSpec, _berth_objects_v1_ReplicaSetSpec__Output>
        ReplicaSetStatus: MessageTypeDefinition<_berth_objects_v1_ReplicaSetStatus, _berth_objects_v1_ReplicaSetStatus__Output>
        Secret: MessageTypeDefinition<_berth_objects_v1_Secret, _berth_objects_v1_Secret__Output>
        Service: MessageTypeDefinition<_berth_objects_v1_Service, _berth_objects_v1_Service__Output>
        ServiceSpec: MessageTypeDefinition<_berth_objects_v1_ServiceSpec, _berth_objects_v1_ServiceSpec__Output>
        ServiceStatus: MessageTypeDefinition<_berth_objects_v1_ServiceStatus, _berth_objects_v1_ServiceStatus__Output>
        StatefulSet: MessageTypeDefinition<_berth_objects_v1_StatefulSet, _berth_objects_v1_StatefulSet__Output>
        StatefulSetSpec: MessageTypeDefinition<_berth_objects_v1_StatefulSetSpec, _berth_objects_v1_StatefulSetSpec__Output>
        StatefulSetStatus: MessageTypeDefinition<_berth_objects_v1_StatefulSetStatus, _berth_objects_v1_StatefulSetStatus__Output>
      }
    }
  }
}

