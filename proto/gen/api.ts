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
import type { ApplyRequest as _berth_v1_ApplyRequest, ApplyRequest__Output as _berth_v1_ApplyRequest__Output } from './berth/v1/ApplyRequest.js';
import type { ApplyResponse as _berth_v1_ApplyResponse, ApplyResponse__Output as _berth_v1_ApplyResponse__Output } from './berth/v1/ApplyResponse.js';
import type { CallError as _berth_v1_CallError, CallError__Output as _berth_v1_CallError__Output } from './berth/v1/CallError.js';
import type { ClusterServiceClient as _berth_v1_ClusterServiceClient, ClusterServiceDefinition as _berth_v1_ClusterServiceDefinition } from './berth/v1/ClusterService.js';
import type { CompactRequest as _berth_v1_CompactRequest, CompactRequest__Output as _berth_v1_CompactRequest__Output } from './berth/v1/CompactRequest.js';
import type { CompactResponse as _berth_v1_CompactResponse, CompactResponse__Output as _berth_v1_CompactResponse__Output } from './berth/v1/CompactResponse.js';
import type { Compare as _berth_v1_Compare, Compare__Output as _berth_v1_Compare__Output } from './berth/v1/Compare.js';
import type { CreateRequest as _berth_v1_CreateRequest, CreateRequest__Output as _berth_v1_CreateRequest__Output } from './berth/v1/CreateRequest.js';
import type { DeleteRangeRequest as _berth_v1_DeleteRangeRequest, DeleteRangeRequest__Output as _berth_v1_DeleteRangeRequest__Output } from './berth/v1/DeleteRangeRequest.js';
import type { DeleteRangeResponse as _berth_v1_DeleteRangeResponse, DeleteRangeResponse__Output as _berth_v1_DeleteRangeResponse__Output } from './berth/v1/DeleteRangeResponse.js';
import type { DeleteRequest as _berth_v1_DeleteRequest, DeleteRequest__Output as _berth_v1_DeleteRequest__Output } from './berth/v1/DeleteRequest.js';
import type { DeleteResponse as _berth_v1_DeleteResponse, DeleteResponse__Output as _berth_v1_DeleteResponse__Output } from './berth/v1/DeleteResponse.js';
import type { Event as _berth_v1_Event, Event__Output as _berth_v1_Event__Output } from './berth/v1/Event.js';
import type { GetRequest as _berth_v1_GetRequest, GetRequest__Output as _berth_v1_GetRequest__Output } from './berth/v1/GetRequest.js';
import type { KVClient as _berth_v1_KVClient, KVDefinition as _berth_v1_KVDefinition } from './berth/v1/KV.js';
import type { KeyValue as _berth_v1_KeyValue, KeyValue__Output as _berth_v1_KeyValue__Output } from './berth/v1/KeyValue.js';
import type { KvCall as _berth_v1_KvCall, KvCall__Output as _berth_v1_KvCall__Output } from './berth/v1/KvCall.js';
import type { KvReply as _berth_v1_KvReply, KvReply__Output as _berth_v1_KvReply__Output } from './berth/v1/KvReply.js';
import type { ListRequest as _berth_v1_ListRequest, ListRequest__Output as _berth_v1_ListRequest__Output } from './berth/v1/ListRequest.js';
import type { ListResponse as _berth_v1_ListResponse, ListResponse__Output as _berth_v1_ListResponse__Output } from './berth/v1/ListResponse.js';
import type { Member as _berth_v1_Member, Member__Output as _berth_v1_Member__Output } from './berth/v1/Member.js';
import type { MemberAddRequest as _berth_v1_MemberAddRequest, MemberAddRequest__Output as _berth_v1_MemberAddRequest__Output } from './berth/v1/MemberAddRequest.js';
import type { MemberAddResponse as _berth_v1_MemberAddResponse, MemberAddResponse__Output as _berth_v1_MemberAddResponse__Output } from './berth/v1/MemberAddResponse.js';
import type { MemberListRequest as _berth_v1_MemberListRequest, MemberListRequest__Output as _berth_v1_MemberListRequest__Output } from './berth/v1/MemberListRequest.js';
import type { MemberListResponse as _berth_v1_MemberListResponse, MemberListResponse__Output as _berth_v1_MemberListResponse__Output } from './berth/v1/MemberListResponse.js';
import type { MemberProgress as _berth_v1_MemberProgress, MemberProgress__Output as _berth_v1_MemberProgress__Output } from './berth/v1/MemberProgress.js';
import type { MemberRemoveRequest as _berth_v1_MemberRemoveRequest, MemberRemoveRequest__Output as _berth_v1_MemberRemoveRequest__Output } from './berth/v1/MemberRemoveRequest.js';
import type { MemberRemoveResponse as _berth_v1_MemberRemoveResponse, MemberRemoveResponse__Output as _berth_v1_MemberRemoveResponse__Output } from './berth/v1/MemberRemoveResponse.js';
import type { ObjectResponse as _berth_v1_ObjectResponse, ObjectResponse__Output as _berth_v1_ObjectResponse__Output } from './berth/v1/ObjectResponse.js';
import type { ObjectServiceClient as _berth_v1_ObjectServiceClient, ObjectServiceDefinition as _berth_v1_ObjectServiceDefinition } from './berth/v1/ObjectService.js';
import type { PatchRequest as _berth_v1_PatchRequest, PatchRequest__Output as _berth_v1_PatchRequest__Output } from './berth/v1/PatchRequest.js';
import type { PutRequest as _berth_v1_PutRequest, PutRequest__Output as _berth_v1_PutRequest__Output } from './berth/v1/PutRequest.js';
import type { PutResponse as _berth_v1_PutResponse, PutResponse__Output as _berth_v1_PutResponse__Output } from './berth/v1/PutResponse.js';
import type { RangeRequest as _berth_v1_RangeRequest, RangeRequest__Output as _berth_v1_RangeRequest__Output } from './berth/v1/RangeRequest.js';
import type { RangeResponse as _berth_v1_RangeResponse, RangeResponse__Output as _berth_v1_RangeResponse__Output } from './berth/v1/RangeResponse.js';
import type { RequestOp as _berth_v1_RequestOp, RequestOp__Output as _berth_v1_RequestOp__Output } from './berth/v1/RequestOp.js';
import type { ResponseHeader as _berth_v1_ResponseHeader, ResponseHeader__Output as _berth_v1_ResponseHeader__Output } from './berth/v1/ResponseHeader.js';
import type { ResponseOp as _berth_v1_ResponseOp, ResponseOp__Output as _berth_v1_ResponseOp__Output } from './berth/v1/ResponseOp.js';
import type { StatusRequest as _berth_v1_StatusRequest, StatusRequest__Output as _berth_v1_StatusRequest__Output } from './berth/v1/StatusRequest.js';
import type { StatusResponse as _berth_v1_StatusResponse, StatusResponse__Output as _berth_v1_StatusResponse__Output } from './berth/v1/StatusResponse.js';
import type { TransferLeaderRequest as _berth_v1_TransferLeaderRequest, TransferLeaderRequest__Output as _berth_v1_TransferLeaderRequest__Output } from './berth/v1/TransferLeaderRequest.js';
import type { TransferLeaderResponse as _berth_v1_TransferLeaderResponse, TransferLeaderResponse__Output as _berth_v1_TransferLeaderResponse__Output } from './berth/v1/TransferLeaderResponse.js';
import type { TxnRequest as _berth_v1_TxnRequest, TxnRequest__Output as _berth_v1_TxnRequest__Output } from './berth/v1/TxnRequest.js';
import type { TxnResponse as _berth_v1_TxnResponse, TxnResponse__Output as _berth_v1_TxnResponse__Output } from './berth/v1/TxnResponse.js';
import type { UpdateRequest as _berth_v1_UpdateRequest, UpdateRequest__Output as _berth_v1_UpdateRequest__Output } from './berth/v1/UpdateRequest.js';
import type { WatchObjectsRequest as _berth_v1_WatchObjectsRequest, WatchObjectsRequest__Output as _berth_v1_WatchObjectsRequest__Output } from './berth/v1/WatchObjectsRequest.js';
import type { WatchObjectsResponse as _berth_v1_WatchObjectsResponse, WatchObjectsResponse__Output as _berth_v1_WatchObjectsResponse__Output } from './berth/v1/WatchObjectsResponse.js';
import type { WatchRequest as _berth_v1_WatchRequest, WatchRequest__Output as _berth_v1_WatchRequest__Output } from './berth/v1/WatchRequest.js';
import type { WatchResponse as _berth_v1_WatchResponse, WatchResponse__Output as _berth_v1_WatchResponse__Output } from './berth/v1/WatchResponse.js';

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
    v1: {
      ApplyRequest: MessageTypeDefinition<_berth_v1_ApplyRequest, _berth_v1_ApplyRequest__Output>
      ApplyResponse: MessageTypeDefinition<_berth_v1_ApplyResponse, _berth_v1_ApplyResponse__Output>
      CallError: MessageTypeDefinition<_berth_v1_CallError, _berth_v1_CallError__Output>
      /**
       * What a replica says about the Raft group. Membership changes go to the leader: a follower
       * answers FAILED_PRECONDITION with trailing metadata berth-code NOT_LEADER and, in berth-details,
       * the leader's id and address when known.
       */
      ClusterService: SubtypeConstructor<typeof grpc.Client, _berth_v1_ClusterServiceClient> & { service: _berth_v1_ClusterServiceDefinition }
      CompactRequest: MessageTypeDefinition<_berth_v1_CompactRequest, _berth_v1_CompactRequest__Output>
      CompactResponse: MessageTypeDefinition<_berth_v1_CompactResponse, _berth_v1_CompactResponse__Output>
      Compare: MessageTypeDefinition<_berth_v1_Compare, _berth_v1_Compare__Output>
      CreateRequest: MessageTypeDefinition<_berth_v1_CreateRequest, _berth_v1_CreateRequest__Output>
      DeleteRangeRequest: MessageTypeDefinition<_berth_v1_DeleteRangeRequest, _berth_v1_DeleteRangeRequest__Output>
      DeleteRangeResponse: MessageTypeDefinition<_berth_v1_DeleteRangeResponse, _berth_v1_DeleteRangeResponse__Output>
      DeleteRequest: MessageTypeDefinition<_berth_v1_DeleteRequest, _berth_v1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_berth_v1_DeleteResponse, _berth_v1_DeleteResponse__Output>
      Event: MessageTypeDefinition<_berth_v1_Event, _berth_v1_Event__Output>
      GetRequest: MessageTypeDefinition<_berth_v1_GetRequest, _berth_v1_GetRequest__Output>
      KV: SubtypeConstructor<typeof grpc.Client, _berth_v1_KVClient> & { service: _berth_v1_KVDefinition }
      KeyValue: MessageTypeDefinition<_berth_v1_KeyValue, _berth_v1_KeyValue__Output>
      KvCall: MessageTypeDefinition<_berth_v1_KvCall, _berth_v1_KvCall__Output>
      KvReply: MessageTypeDefinition<_berth_v1_KvReply, _berth_v1_KvReply__Output>
      ListRequest: MessageTypeDefinition<_berth_v1_ListRequest, _berth_v1_ListRequest__Output>
      ListResponse: MessageTypeDefinition<_berth_v1_ListResponse, _berth_v1_ListResponse__Output>
      Member: MessageTypeDefinition<_berth_v1_Member, _berth_v1_Member__Output>
      MemberAddRequest: MessageTypeDefinition<_berth_v1_MemberAddRequest, _berth_v1_MemberAddRequest__Output>
      MemberAddResponse: MessageTypeDefinition<_berth_v1_MemberAddResponse, _berth_v1_MemberAddResponse__Output>
      MemberListRequest: MessageTypeDefinition<_berth_v1_MemberListRequest, _berth_v1_MemberListRequest__Output>
      MemberListResponse: MessageTypeDefinition<_berth_v1_MemberListResponse, _berth_v1_MemberListResponse__Output>
      MemberProgress: MessageTypeDefinition<_berth_v1_MemberProgress, _berth_v1_MemberProgress__Output>
      MemberRemoveRequest: MessageTypeDefinition<_berth_v1_MemberRemoveRequest, _berth_v1_MemberRemoveRequest__Output>
      MemberRemoveResponse: MessageTypeDefinition<_berth_v1_MemberRemoveResponse, _berth_v1_MemberRemoveResponse__Output>
      ObjectResponse: MessageTypeDefinition<_berth_v1_ObjectResponse, _berth_v1_ObjectResponse__Output>
      /**
       * The cluster's objects, with Kubernetes' semantics. Any replica serves any call: writes go
       * through Raft (a follower forwards them to the leader); reads are linearizable unless `stale`.
       * `kind` accepts the kind ("Deployment"), its plural ("deployments") or short name ("deploy").
       * Errors carry berth-code metadata: NOT_FOUND, ALREADY_EXISTS, CONFLICT (stale resource_version,
       * gRPC ABORTED), INVALID_ARGUMENT (berth-details has `causes`: [{field, message}]), COMPACTED
       * (the revision is gone: list again), UNAVAILABLE.
       */
      ObjectService: SubtypeConstructor<typeof grpc.Client, _berth_v1_ObjectServiceClient> & { service: _berth_v1_ObjectServiceDefinition }
      PatchRequest: MessageTypeDefinition<_berth_v1_PatchRequest, _berth_v1_PatchRequest__Output>
      PutRequest: MessageTypeDefinition<_berth_v1_PutRequest, _berth_v1_PutRequest__Output>
      PutResponse: MessageTypeDefinition<_berth_v1_PutResponse, _berth_v1_PutResponse__Output>
      RangeRequest: MessageTypeDefinition<_berth_v1_RangeRequest, _berth_v1_RangeRequest__Output>
      RangeResponse: MessageTypeDefinition<_berth_v1_RangeResponse, _berth_v1_RangeResponse__Output>
      RequestOp: MessageTypeDefinition<_berth_v1_RequestOp, _berth_v1_RequestOp__Output>
      ResponseHeader: MessageTypeDefinition<_berth_v1_ResponseHeader, _berth_v1_ResponseHeader__Output>
      ResponseOp: MessageTypeDefinition<_berth_v1_ResponseOp, _berth_v1_ResponseOp__Output>
      StatusRequest: MessageTypeDefinition<_berth_v1_StatusRequest, _berth_v1_StatusRequest__Output>
      StatusResponse: MessageTypeDefinition<_berth_v1_StatusResponse, _berth_v1_StatusResponse__Output>
      TransferLeaderRequest: MessageTypeDefinition<_berth_v1_TransferLeaderRequest, _berth_v1_TransferLeaderRequest__Output>
      TransferLeaderResponse: MessageTypeDefinition<_berth_v1_TransferLeaderResponse, _berth_v1_TransferLeaderResponse__Output>
      TxnRequest: MessageTypeDefinition<_berth_v1_TxnRequest, _berth_v1_TxnRequest__Output>
      TxnResponse: MessageTypeDefinition<_berth_v1_TxnResponse, _berth_v1_TxnResponse__Output>
      UpdateRequest: MessageTypeDefinition<_berth_v1_UpdateRequest, _berth_v1_UpdateRequest__Output>
      WatchObjectsRequest: MessageTypeDefinition<_berth_v1_WatchObjectsRequest, _berth_v1_WatchObjectsRequest__Output>
      WatchObjectsResponse: MessageTypeDefinition<_berth_v1_WatchObjectsResponse, _berth_v1_WatchObjectsResponse__Output>
      WatchRequest: MessageTypeDefinition<_berth_v1_WatchRequest, _berth_v1_WatchRequest__Output>
      WatchResponse: MessageTypeDefinition<_berth_v1_WatchResponse, _berth_v1_WatchResponse__Output>
    }
  }
}

