import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Affinity as _berth_objects_v1_Affinity, Affinity__Output as _berth_objects_v1_Affinity__Output } from './berth/objects/v1/Affinity.js';
import type { ApiObject as _berth_objects_v1_ApiObject, ApiObject__Output as _berth_objects_v1_ApiObject__Output } from './berth/objects/v1/ApiObject.js';
import type { Capabilities as _berth_objects_v1_Capabilities, Capabilities__Output as _berth_objects_v1_Capabilities__Output } from './berth/objects/v1/Capabilities.js';
import type { ClientIPConfig as _berth_objects_v1_ClientIPConfig, ClientIPConfig__Output as _berth_objects_v1_ClientIPConfig__Output } from './berth/objects/v1/ClientIPConfig.js';
import type { Condition as _berth_objects_v1_Condition, Condition__Output as _berth_objects_v1_Condition__Output } from './berth/objects/v1/Condition.js';
import type { ConfigMap as _berth_objects_v1_ConfigMap, ConfigMap__Output as _berth_objects_v1_ConfigMap__Output } from './berth/objects/v1/ConfigMap.js';
import type { ConfigMapEnvSource as _berth_objects_v1_ConfigMapEnvSource, ConfigMapEnvSource__Output as _berth_objects_v1_ConfigMapEnvSource__Output } from './berth/objects/v1/ConfigMapEnvSource.js';
import type { ConfigMapKeySelector as _berth_objects_v1_ConfigMapKeySelector, ConfigMapKeySelector__Output as _berth_objects_v1_ConfigMapKeySelector__Output } from './berth/objects/v1/ConfigMapKeySelector.js';
import type { ConfigMapProjection as _berth_objects_v1_ConfigMapProjection, ConfigMapProjection__Output as _berth_objects_v1_ConfigMapProjection__Output } from './berth/objects/v1/ConfigMapProjection.js';
import type { ConfigMapVolumeSource as _berth_objects_v1_ConfigMapVolumeSource, ConfigMapVolumeSource__Output as _berth_objects_v1_ConfigMapVolumeSource__Output } from './berth/objects/v1/ConfigMapVolumeSource.js';
import type { Container as _berth_objects_v1_Container, Container__Output as _berth_objects_v1_Container__Output } from './berth/objects/v1/Container.js';
import type { ContainerImage as _berth_objects_v1_ContainerImage, ContainerImage__Output as _berth_objects_v1_ContainerImage__Output } from './berth/objects/v1/ContainerImage.js';
import type { ContainerPort as _berth_objects_v1_ContainerPort, ContainerPort__Output as _berth_objects_v1_ContainerPort__Output } from './berth/objects/v1/ContainerPort.js';
import type { ContainerResourceMetricSource as _berth_objects_v1_ContainerResourceMetricSource, ContainerResourceMetricSource__Output as _berth_objects_v1_ContainerResourceMetricSource__Output } from './berth/objects/v1/ContainerResourceMetricSource.js';
import type { ContainerResourceMetricStatus as _berth_objects_v1_ContainerResourceMetricStatus, ContainerResourceMetricStatus__Output as _berth_objects_v1_ContainerResourceMetricStatus__Output } from './berth/objects/v1/ContainerResourceMetricStatus.js';
import type { ContainerState as _berth_objects_v1_ContainerState, ContainerState__Output as _berth_objects_v1_ContainerState__Output } from './berth/objects/v1/ContainerState.js';
import type { ContainerStateRunning as _berth_objects_v1_ContainerStateRunning, ContainerStateRunning__Output as _berth_objects_v1_ContainerStateRunning__Output } from './berth/objects/v1/ContainerStateRunning.js';
import type { ContainerStateTerminated as _berth_objects_v1_ContainerStateTerminated, ContainerStateTerminated__Output as _berth_objects_v1_ContainerStateTerminated__Output } from './berth/objects/v1/ContainerStateTerminated.js';
import type { ContainerStateWaiting as _berth_objects_v1_ContainerStateWaiting, ContainerStateWaiting__Output as _berth_objects_v1_ContainerStateWaiting__Output } from './berth/objects/v1/ContainerStateWaiting.js';
import type { ContainerStatus as _berth_objects_v1_ContainerStatus, ContainerStatus__Output as _berth_objects_v1_ContainerStatus__Output } from './berth/objects/v1/ContainerStatus.js';
import type { CronJob as _berth_objects_v1_CronJob, CronJob__Output as _berth_objects_v1_CronJob__Output } from './berth/objects/v1/CronJob.js';
import type { CronJobSpec as _berth_objects_v1_CronJobSpec, CronJobSpec__Output as _berth_objects_v1_CronJobSpec__Output } from './berth/objects/v1/CronJobSpec.js';
import type { CronJobStatus as _berth_objects_v1_CronJobStatus, CronJobStatus__Output as _berth_objects_v1_CronJobStatus__Output } from './berth/objects/v1/CronJobStatus.js';
import type { CrossVersionObjectReference as _berth_objects_v1_CrossVersionObjectReference, CrossVersionObjectReference__Output as _berth_objects_v1_CrossVersionObjectReference__Output } from './berth/objects/v1/CrossVersionObjectReference.js';
import type { DaemonEndpoint as _berth_objects_v1_DaemonEndpoint, DaemonEndpoint__Output as _berth_objects_v1_DaemonEndpoint__Output } from './berth/objects/v1/DaemonEndpoint.js';
import type { DaemonSet as _berth_objects_v1_DaemonSet, DaemonSet__Output as _berth_objects_v1_DaemonSet__Output } from './berth/objects/v1/DaemonSet.js';
import type { DaemonSetCondition as _berth_objects_v1_DaemonSetCondition, DaemonSetCondition__Output as _berth_objects_v1_DaemonSetCondition__Output } from './berth/objects/v1/DaemonSetCondition.js';
import type { DaemonSetSpec as _berth_objects_v1_DaemonSetSpec, DaemonSetSpec__Output as _berth_objects_v1_DaemonSetSpec__Output } from './berth/objects/v1/DaemonSetSpec.js';
import type { DaemonSetStatus as _berth_objects_v1_DaemonSetStatus, DaemonSetStatus__Output as _berth_objects_v1_DaemonSetStatus__Output } from './berth/objects/v1/DaemonSetStatus.js';
import type { DaemonSetUpdateStrategy as _berth_objects_v1_DaemonSetUpdateStrategy, DaemonSetUpdateStrategy__Output as _berth_objects_v1_DaemonSetUpdateStrategy__Output } from './berth/objects/v1/DaemonSetUpdateStrategy.js';
import type { Deployment as _berth_objects_v1_Deployment, Deployment__Output as _berth_objects_v1_Deployment__Output } from './berth/objects/v1/Deployment.js';
import type { DeploymentCondition as _berth_objects_v1_DeploymentCondition, DeploymentCondition__Output as _berth_objects_v1_DeploymentCondition__Output } from './berth/objects/v1/DeploymentCondition.js';
import type { DeploymentSpec as _berth_objects_v1_DeploymentSpec, DeploymentSpec__Output as _berth_objects_v1_DeploymentSpec__Output } from './berth/objects/v1/DeploymentSpec.js';
import type { DeploymentStatus as _berth_objects_v1_DeploymentStatus, DeploymentStatus__Output as _berth_objects_v1_DeploymentStatus__Output } from './berth/objects/v1/DeploymentStatus.js';
import type { DeploymentStrategy as _berth_objects_v1_DeploymentStrategy, DeploymentStrategy__Output as _berth_objects_v1_DeploymentStrategy__Output } from './berth/objects/v1/DeploymentStrategy.js';
import type { DownwardAPIProjection as _berth_objects_v1_DownwardAPIProjection, DownwardAPIProjection__Output as _berth_objects_v1_DownwardAPIProjection__Output } from './berth/objects/v1/DownwardAPIProjection.js';
import type { DownwardAPIVolumeFile as _berth_objects_v1_DownwardAPIVolumeFile, DownwardAPIVolumeFile__Output as _berth_objects_v1_DownwardAPIVolumeFile__Output } from './berth/objects/v1/DownwardAPIVolumeFile.js';
import type { DownwardAPIVolumeSource as _berth_objects_v1_DownwardAPIVolumeSource, DownwardAPIVolumeSource__Output as _berth_objects_v1_DownwardAPIVolumeSource__Output } from './berth/objects/v1/DownwardAPIVolumeSource.js';
import type { EmptyDirVolumeSource as _berth_objects_v1_EmptyDirVolumeSource, EmptyDirVolumeSource__Output as _berth_objects_v1_EmptyDirVolumeSource__Output } from './berth/objects/v1/EmptyDirVolumeSource.js';
import type { EndpointAddress as _berth_objects_v1_EndpointAddress, EndpointAddress__Output as _berth_objects_v1_EndpointAddress__Output } from './berth/objects/v1/EndpointAddress.js';
import type { EndpointPort as _berth_objects_v1_EndpointPort, EndpointPort__Output as _berth_objects_v1_EndpointPort__Output } from './berth/objects/v1/EndpointPort.js';
import type { EndpointSubset as _berth_objects_v1_EndpointSubset, EndpointSubset__Output as _berth_objects_v1_EndpointSubset__Output } from './berth/objects/v1/EndpointSubset.js';
import type { Endpoints as _berth_objects_v1_Endpoints, Endpoints__Output as _berth_objects_v1_Endpoints__Output } from './berth/objects/v1/Endpoints.js';
import type { EnvFromSource as _berth_objects_v1_EnvFromSource, EnvFromSource__Output as _berth_objects_v1_EnvFromSource__Output } from './berth/objects/v1/EnvFromSource.js';
import type { EnvVar as _berth_objects_v1_EnvVar, EnvVar__Output as _berth_objects_v1_EnvVar__Output } from './berth/objects/v1/EnvVar.js';
import type { EnvVarSource as _berth_objects_v1_EnvVarSource, EnvVarSource__Output as _berth_objects_v1_EnvVarSource__Output } from './berth/objects/v1/EnvVarSource.js';
import type { Event as _berth_objects_v1_Event, Event__Output as _berth_objects_v1_Event__Output } from './berth/objects/v1/Event.js';
import type { EventSeries as _berth_objects_v1_EventSeries, EventSeries__Output as _berth_objects_v1_EventSeries__Output } from './berth/objects/v1/EventSeries.js';
import type { EventSource as _berth_objects_v1_EventSource, EventSource__Output as _berth_objects_v1_EventSource__Output } from './berth/objects/v1/EventSource.js';
import type { ExecAction as _berth_objects_v1_ExecAction, ExecAction__Output as _berth_objects_v1_ExecAction__Output } from './berth/objects/v1/ExecAction.js';
import type { ExternalMetricSource as _berth_objects_v1_ExternalMetricSource, ExternalMetricSource__Output as _berth_objects_v1_ExternalMetricSource__Output } from './berth/objects/v1/ExternalMetricSource.js';
import type { ExternalMetricStatus as _berth_objects_v1_ExternalMetricStatus, ExternalMetricStatus__Output as _berth_objects_v1_ExternalMetricStatus__Output } from './berth/objects/v1/ExternalMetricStatus.js';
import type { GRPCAction as _berth_objects_v1_GRPCAction, GRPCAction__Output as _berth_objects_v1_GRPCAction__Output } from './berth/objects/v1/GRPCAction.js';
import type { HPAScalingPolicy as _berth_objects_v1_HPAScalingPolicy, HPAScalingPolicy__Output as _berth_objects_v1_HPAScalingPolicy__Output } from './berth/objects/v1/HPAScalingPolicy.js';
import type { HPAScalingRules as _berth_objects_v1_HPAScalingRules, HPAScalingRules__Output as _berth_objects_v1_HPAScalingRules__Output } from './berth/objects/v1/HPAScalingRules.js';
import type { HTTPGetAction as _berth_objects_v1_HTTPGetAction, HTTPGetAction__Output as _berth_objects_v1_HTTPGetAction__Output } from './berth/objects/v1/HTTPGetAction.js';
import type { HTTPHeader as _berth_objects_v1_HTTPHeader, HTTPHeader__Output as _berth_objects_v1_HTTPHeader__Output } from './berth/objects/v1/HTTPHeader.js';
import type { HorizontalPodAutoscaler as _berth_objects_v1_HorizontalPodAutoscaler, HorizontalPodAutoscaler__Output as _berth_objects_v1_HorizontalPodAutoscaler__Output } from './berth/objects/v1/HorizontalPodAutoscaler.js';
import type { HorizontalPodAutoscalerBehavior as _berth_objects_v1_HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerBehavior__Output as _berth_objects_v1_HorizontalPodAutoscalerBehavior__Output } from './berth/objects/v1/HorizontalPodAutoscalerBehavior.js';
import type { HorizontalPodAutoscalerCondition as _berth_objects_v1_HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerCondition__Output as _berth_objects_v1_HorizontalPodAutoscalerCondition__Output } from './berth/objects/v1/HorizontalPodAutoscalerCondition.js';
import type { HorizontalPodAutoscalerSpec as _berth_objects_v1_HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerSpec__Output as _berth_objects_v1_HorizontalPodAutoscalerSpec__Output } from './berth/objects/v1/HorizontalPodAutoscalerSpec.js';
import type { HorizontalPodAutoscalerStatus as _berth_objects_v1_HorizontalPodAutoscalerStatus, HorizontalPodAutoscalerStatus__Output as _berth_objects_v1_HorizontalPodAutoscalerStatus__Output } from './berth/objects/v1/HorizontalPodAutoscalerStatus.js';
import type { HostAlias as _berth_objects_v1_HostAlias, HostAlias__Output as _berth_objects_v1_HostAlias__Output } from './berth/objects/v1/HostAlias.js';
import type { HostIP as _berth_objects_v1_HostIP, HostIP__Output as _berth_objects_v1_HostIP__Output } from './berth/objects/v1/HostIP.js';
import type { HostPathVolumeSource as _berth_objects_v1_HostPathVolumeSource, HostPathVolumeSource__Output as _berth_objects_v1_HostPathVolumeSource__Output } from './berth/objects/v1/HostPathVolumeSource.js';
import type { IntOrString as _berth_objects_v1_IntOrString, IntOrString__Output as _berth_objects_v1_IntOrString__Output } from './berth/objects/v1/IntOrString.js';
import type { Job as _berth_objects_v1_Job, Job__Output as _berth_objects_v1_Job__Output } from './berth/objects/v1/Job.js';
import type { JobCondition as _berth_objects_v1_JobCondition, JobCondition__Output as _berth_objects_v1_JobCondition__Output } from './berth/objects/v1/JobCondition.js';
import type { JobSpec as _berth_objects_v1_JobSpec, JobSpec__Output as _berth_objects_v1_JobSpec__Output } from './berth/objects/v1/JobSpec.js';
import type { JobStatus as _berth_objects_v1_JobStatus, JobStatus__Output as _berth_objects_v1_JobStatus__Output } from './berth/objects/v1/JobStatus.js';
import type { JobTemplateSpec as _berth_objects_v1_JobTemplateSpec, JobTemplateSpec__Output as _berth_objects_v1_JobTemplateSpec__Output } from './berth/objects/v1/JobTemplateSpec.js';
import type { KeyToPath as _berth_objects_v1_KeyToPath, KeyToPath__Output as _berth_objects_v1_KeyToPath__Output } from './berth/objects/v1/KeyToPath.js';
import type { LabelSelector as _berth_objects_v1_LabelSelector, LabelSelector__Output as _berth_objects_v1_LabelSelector__Output } from './berth/objects/v1/LabelSelector.js';
import type { LabelSelectorRequirement as _berth_objects_v1_LabelSelectorRequirement, LabelSelectorRequirement__Output as _berth_objects_v1_LabelSelectorRequirement__Output } from './berth/objects/v1/LabelSelectorRequirement.js';
import type { Lifecycle as _berth_objects_v1_Lifecycle, Lifecycle__Output as _berth_objects_v1_Lifecycle__Output } from './berth/objects/v1/Lifecycle.js';
import type { LifecycleHandler as _berth_objects_v1_LifecycleHandler, LifecycleHandler__Output as _berth_objects_v1_LifecycleHandler__Output } from './berth/objects/v1/LifecycleHandler.js';
import type { LoadBalancerIngress as _berth_objects_v1_LoadBalancerIngress, LoadBalancerIngress__Output as _berth_objects_v1_LoadBalancerIngress__Output } from './berth/objects/v1/LoadBalancerIngress.js';
import type { LoadBalancerStatus as _berth_objects_v1_LoadBalancerStatus, LoadBalancerStatus__Output as _berth_objects_v1_LoadBalancerStatus__Output } from './berth/objects/v1/LoadBalancerStatus.js';
import type { LocalObjectReference as _berth_objects_v1_LocalObjectReference, LocalObjectReference__Output as _berth_objects_v1_LocalObjectReference__Output } from './berth/objects/v1/LocalObjectReference.js';
import type { MetricIdentifier as _berth_objects_v1_MetricIdentifier, MetricIdentifier__Output as _berth_objects_v1_MetricIdentifier__Output } from './berth/objects/v1/MetricIdentifier.js';
import type { MetricSpec as _berth_objects_v1_MetricSpec, MetricSpec__Output as _berth_objects_v1_MetricSpec__Output } from './berth/objects/v1/MetricSpec.js';
import type { MetricStatus as _berth_objects_v1_MetricStatus, MetricStatus__Output as _berth_objects_v1_MetricStatus__Output } from './berth/objects/v1/MetricStatus.js';
import type { MetricTarget as _berth_objects_v1_MetricTarget, MetricTarget__Output as _berth_objects_v1_MetricTarget__Output } from './berth/objects/v1/MetricTarget.js';
import type { MetricValueStatus as _berth_objects_v1_MetricValueStatus, MetricValueStatus__Output as _berth_objects_v1_MetricValueStatus__Output } from './berth/objects/v1/MetricValueStatus.js';
import type { Namespace as _berth_objects_v1_Namespace, Namespace__Output as _berth_objects_v1_Namespace__Output } from './berth/objects/v1/Namespace.js';
import type { NamespaceCondition as _berth_objects_v1_NamespaceCondition, NamespaceCondition__Output as _berth_objects_v1_NamespaceCondition__Output } from './berth/objects/v1/NamespaceCondition.js';
import type { NamespaceSpec as _berth_objects_v1_NamespaceSpec, NamespaceSpec__Output as _berth_objects_v1_NamespaceSpec__Output } from './berth/objects/v1/NamespaceSpec.js';
import type { NamespaceStatus as _berth_objects_v1_NamespaceStatus, NamespaceStatus__Output as _berth_objects_v1_NamespaceStatus__Output } from './berth/objects/v1/NamespaceStatus.js';
import type { Node as _berth_objects_v1_Node, Node__Output as _berth_objects_v1_Node__Output } from './berth/objects/v1/Node.js';
import type { NodeAddress as _berth_objects_v1_NodeAddress, NodeAddress__Output as _berth_objects_v1_NodeAddress__Output } from './berth/objects/v1/NodeAddress.js';
import type { NodeAffinity as _berth_objects_v1_NodeAffinity, NodeAffinity__Output as _berth_objects_v1_NodeAffinity__Output } from './berth/objects/v1/NodeAffinity.js';
import type { NodeCondition as _berth_objects_v1_NodeCondition, NodeCondition__Output as _berth_objects_v1_NodeCondition__Output } from './berth/objects/v1/NodeCondition.js';
import type { NodeDaemonEndpoints as _berth_objects_v1_NodeDaemonEndpoints, NodeDaemonEndpoints__Output as _berth_objects_v1_NodeDaemonEndpoints__Output } from './berth/objects/v1/NodeDaemonEndpoints.js';
import type { NodeSelector as _berth_objects_v1_NodeSelector, NodeSelector__Output as _berth_objects_v1_NodeSelector__Output } from './berth/objects/v1/NodeSelector.js';
import type { NodeSelectorRequirement as _berth_objects_v1_NodeSelectorRequirement, NodeSelectorRequirement__Output as _berth_objects_v1_NodeSelectorRequirement__Output } from './berth/objects/v1/NodeSelectorRequirement.js';
import type { NodeSelectorTerm as _berth_objects_v1_NodeSelectorTerm, NodeSelectorTerm__Output as _berth_objects_v1_NodeSelectorTerm__Output } from './berth/objects/v1/NodeSelectorTerm.js';
import type { NodeSpec as _berth_objects_v1_NodeSpec, NodeSpec__Output as _berth_objects_v1_NodeSpec__Output } from './berth/objects/v1/NodeSpec.js';
import type { NodeStatus as _berth_objects_v1_NodeStatus, NodeStatus__Output as _berth_objects_v1_NodeStatus__Output } from './berth/objects/v1/NodeStatus.js';
import type { NodeSystemInfo as _berth_objects_v1_NodeSystemInfo, NodeSystemInfo__Output as _berth_objects_v1_NodeSystemInfo__Output } from './berth/objects/v1/NodeSystemInfo.js';
import type { ObjectFieldSelector as _berth_objects_v1_ObjectFieldSelector, ObjectFieldSelector__Output as _berth_objects_v1_ObjectFieldSelector__Output } from './berth/objects/v1/ObjectFieldSelector.js';
import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from './berth/objects/v1/ObjectMeta.js';
import type { ObjectMetricSource as _berth_objects_v1_ObjectMetricSource, ObjectMetricSource__Output as _berth_objects_v1_ObjectMetricSource__Output } from './berth/objects/v1/ObjectMetricSource.js';
import type { ObjectMetricStatus as _berth_objects_v1_ObjectMetricStatus, ObjectMetricStatus__Output as _berth_objects_v1_ObjectMetricStatus__Output } from './berth/objects/v1/ObjectMetricStatus.js';
import type { ObjectReference as _berth_objects_v1_ObjectReference, ObjectReference__Output as _berth_objects_v1_ObjectReference__Output } from './berth/objects/v1/ObjectReference.js';
import type { OwnerReference as _berth_objects_v1_OwnerReference, OwnerReference__Output as _berth_objects_v1_OwnerReference__Output } from './berth/objects/v1/OwnerReference.js';
import type { PersistentVolumeClaim as _berth_objects_v1_PersistentVolumeClaim, PersistentVolumeClaim__Output as _berth_objects_v1_PersistentVolumeClaim__Output } from './berth/objects/v1/PersistentVolumeClaim.js';
import type { PersistentVolumeClaimSpec as _berth_objects_v1_PersistentVolumeClaimSpec, PersistentVolumeClaimSpec__Output as _berth_objects_v1_PersistentVolumeClaimSpec__Output } from './berth/objects/v1/PersistentVolumeClaimSpec.js';
import type { PersistentVolumeClaimStatus as _berth_objects_v1_PersistentVolumeClaimStatus, PersistentVolumeClaimStatus__Output as _berth_objects_v1_PersistentVolumeClaimStatus__Output } from './berth/objects/v1/PersistentVolumeClaimStatus.js';
import type { PersistentVolumeClaimVolumeSource as _berth_objects_v1_PersistentVolumeClaimVolumeSource, PersistentVolumeClaimVolumeSource__Output as _berth_objects_v1_PersistentVolumeClaimVolumeSource__Output } from './berth/objects/v1/PersistentVolumeClaimVolumeSource.js';
import type { Pod as _berth_objects_v1_Pod, Pod__Output as _berth_objects_v1_Pod__Output } from './berth/objects/v1/Pod.js';
import type { PodAffinity as _berth_objects_v1_PodAffinity, PodAffinity__Output as _berth_objects_v1_PodAffinity__Output } from './berth/objects/v1/PodAffinity.js';
import type { PodAffinityTerm as _berth_objects_v1_PodAffinityTerm, PodAffinityTerm__Output as _berth_objects_v1_PodAffinityTerm__Output } from './berth/objects/v1/PodAffinityTerm.js';
import type { PodAntiAffinity as _berth_objects_v1_PodAntiAffinity, PodAntiAffinity__Output as _berth_objects_v1_PodAntiAffinity__Output } from './berth/objects/v1/PodAntiAffinity.js';
import type { PodCondition as _berth_objects_v1_PodCondition, PodCondition__Output as _berth_objects_v1_PodCondition__Output } from './berth/objects/v1/PodCondition.js';
import type { PodDNSConfig as _berth_objects_v1_PodDNSConfig, PodDNSConfig__Output as _berth_objects_v1_PodDNSConfig__Output } from './berth/objects/v1/PodDNSConfig.js';
import type { PodDNSConfigOption as _berth_objects_v1_PodDNSConfigOption, PodDNSConfigOption__Output as _berth_objects_v1_PodDNSConfigOption__Output } from './berth/objects/v1/PodDNSConfigOption.js';
import type { PodIP as _berth_objects_v1_PodIP, PodIP__Output as _berth_objects_v1_PodIP__Output } from './berth/objects/v1/PodIP.js';
import type { PodOS as _berth_objects_v1_PodOS, PodOS__Output as _berth_objects_v1_PodOS__Output } from './berth/objects/v1/PodOS.js';
import type { PodReadinessGate as _berth_objects_v1_PodReadinessGate, PodReadinessGate__Output as _berth_objects_v1_PodReadinessGate__Output } from './berth/objects/v1/PodReadinessGate.js';
import type { PodSecurityContext as _berth_objects_v1_PodSecurityContext, PodSecurityContext__Output as _berth_objects_v1_PodSecurityContext__Output } from './berth/objects/v1/PodSecurityContext.js';
import type { PodSpec as _berth_objects_v1_PodSpec, PodSpec__Output as _berth_objects_v1_PodSpec__Output } from './berth/objects/v1/PodSpec.js';
import type { PodStatus as _berth_objects_v1_PodStatus, PodStatus__Output as _berth_objects_v1_PodStatus__Output } from './berth/objects/v1/PodStatus.js';
import type { PodTemplateSpec as _berth_objects_v1_PodTemplateSpec, PodTemplateSpec__Output as _berth_objects_v1_PodTemplateSpec__Output } from './berth/objects/v1/PodTemplateSpec.js';
import type { PodsMetricSource as _berth_objects_v1_PodsMetricSource, PodsMetricSource__Output as _berth_objects_v1_PodsMetricSource__Output } from './berth/objects/v1/PodsMetricSource.js';
import type { PodsMetricStatus as _berth_objects_v1_PodsMetricStatus, PodsMetricStatus__Output as _berth_objects_v1_PodsMetricStatus__Output } from './berth/objects/v1/PodsMetricStatus.js';
import type { PortStatus as _berth_objects_v1_PortStatus, PortStatus__Output as _berth_objects_v1_PortStatus__Output } from './berth/objects/v1/PortStatus.js';
import type { PreferredSchedulingTerm as _berth_objects_v1_PreferredSchedulingTerm, PreferredSchedulingTerm__Output as _berth_objects_v1_PreferredSchedulingTerm__Output } from './berth/objects/v1/PreferredSchedulingTerm.js';
import type { PriorityClass as _berth_objects_v1_PriorityClass, PriorityClass__Output as _berth_objects_v1_PriorityClass__Output } from './berth/objects/v1/PriorityClass.js';
import type { Probe as _berth_objects_v1_Probe, Probe__Output as _berth_objects_v1_Probe__Output } from './berth/objects/v1/Probe.js';
import type { ProjectedVolumeSource as _berth_objects_v1_ProjectedVolumeSource, ProjectedVolumeSource__Output as _berth_objects_v1_ProjectedVolumeSource__Output } from './berth/objects/v1/ProjectedVolumeSource.js';
import type { ReplicaSet as _berth_objects_v1_ReplicaSet, ReplicaSet__Output as _berth_objects_v1_ReplicaSet__Output } from './berth/objects/v1/ReplicaSet.js';
import type { ReplicaSetCondition as _berth_objects_v1_ReplicaSetCondition, ReplicaSetCondition__Output as _berth_objects_v1_ReplicaSetCondition__Output } from './berth/objects/v1/ReplicaSetCondition.js';
import type { ReplicaSetSpec as _berth_objects_v1_ReplicaSetSpec, ReplicaSetSpec__Output as _berth_objects_v1_ReplicaSetSpec__Output } from './berth/objects/v1/ReplicaSetSpec.js';
import type { ReplicaSetStatus as _berth_objects_v1_ReplicaSetStatus, ReplicaSetStatus__Output as _berth_objects_v1_ReplicaSetStatus__Output } from './berth/objects/v1/ReplicaSetStatus.js';
import type { ResourceFieldSelector as _berth_objects_v1_ResourceFieldSelector, ResourceFieldSelector__Output as _berth_objects_v1_ResourceFieldSelector__Output } from './berth/objects/v1/ResourceFieldSelector.js';
import type { ResourceMetricSource as _berth_objects_v1_ResourceMetricSource, ResourceMetricSource__Output as _berth_objects_v1_ResourceMetricSource__Output } from './berth/objects/v1/ResourceMetricSource.js';
import type { ResourceMetricStatus as _berth_objects_v1_ResourceMetricStatus, ResourceMetricStatus__Output as _berth_objects_v1_ResourceMetricStatus__Output } from './berth/objects/v1/ResourceMetricStatus.js';
import type { ResourceRequirements as _berth_objects_v1_ResourceRequirements, ResourceRequirements__Output as _berth_objects_v1_ResourceRequirements__Output } from './berth/objects/v1/ResourceRequirements.js';
import type { RollingUpdateDaemonSet as _berth_objects_v1_RollingUpdateDaemonSet, RollingUpdateDaemonSet__Output as _berth_objects_v1_RollingUpdateDaemonSet__Output } from './berth/objects/v1/RollingUpdateDaemonSet.js';
import type { RollingUpdateDeployment as _berth_objects_v1_RollingUpdateDeployment, RollingUpdateDeployment__Output as _berth_objects_v1_RollingUpdateDeployment__Output } from './berth/objects/v1/RollingUpdateDeployment.js';
import type { RollingUpdateStatefulSetStrategy as _berth_objects_v1_RollingUpdateStatefulSetStrategy, RollingUpdateStatefulSetStrategy__Output as _berth_objects_v1_RollingUpdateStatefulSetStrategy__Output } from './berth/objects/v1/RollingUpdateStatefulSetStrategy.js';
import type { SELinuxOptions as _berth_objects_v1_SELinuxOptions, SELinuxOptions__Output as _berth_objects_v1_SELinuxOptions__Output } from './berth/objects/v1/SELinuxOptions.js';
import type { SeccompProfile as _berth_objects_v1_SeccompProfile, SeccompProfile__Output as _berth_objects_v1_SeccompProfile__Output } from './berth/objects/v1/SeccompProfile.js';
import type { Secret as _berth_objects_v1_Secret, Secret__Output as _berth_objects_v1_Secret__Output } from './berth/objects/v1/Secret.js';
import type { SecretEnvSource as _berth_objects_v1_SecretEnvSource, SecretEnvSource__Output as _berth_objects_v1_SecretEnvSource__Output } from './berth/objects/v1/SecretEnvSource.js';
import type { SecretKeySelector as _berth_objects_v1_SecretKeySelector, SecretKeySelector__Output as _berth_objects_v1_SecretKeySelector__Output } from './berth/objects/v1/SecretKeySelector.js';
import type { SecretProjection as _berth_objects_v1_SecretProjection, SecretProjection__Output as _berth_objects_v1_SecretProjection__Output } from './berth/objects/v1/SecretProjection.js';
import type { SecretVolumeSource as _berth_objects_v1_SecretVolumeSource, SecretVolumeSource__Output as _berth_objects_v1_SecretVolumeSource__Output } from './berth/objects/v1/SecretVolumeSource.js';
import type { SecurityContext as _berth_objects_v1_SecurityContext, SecurityContext__Output as _berth_objects_v1_SecurityContext__Output } from './berth/objects/v1/SecurityContext.js';
import type { Service as _berth_objects_v1_Service, Service__Output as _berth_objects_v1_Service__Output } from './berth/objects/v1/Service.js';
import type { ServiceAccountTokenProjection as _berth_objects_v1_ServiceAccountTokenProjection, ServiceAccountTokenProjection__Output as _berth_objects_v1_ServiceAccountTokenProjection__Output } from './berth/objects/v1/ServiceAccountTokenProjection.js';
import type { ServicePort as _berth_objects_v1_ServicePort, ServicePort__Output as _berth_objects_v1_ServicePort__Output } from './berth/objects/v1/ServicePort.js';
import type { ServiceSpec as _berth_objects_v1_ServiceSpec, ServiceSpec__Output as _berth_objects_v1_ServiceSpec__Output } from './berth/objects/v1/ServiceSpec.js';
import type { ServiceStatus as _berth_objects_v1_ServiceStatus, ServiceStatus__Output as _berth_objects_v1_ServiceStatus__Output } from './berth/objects/v1/ServiceStatus.js';
import type { SessionAffinityConfig as _berth_objects_v1_SessionAffinityConfig, SessionAffinityConfig__Output as _berth_objects_v1_SessionAffinityConfig__Output } from './berth/objects/v1/SessionAffinityConfig.js';
import type { SleepAction as _berth_objects_v1_SleepAction, SleepAction__Output as _berth_objects_v1_SleepAction__Output } from './berth/objects/v1/SleepAction.js';
import type { StatefulSet as _berth_objects_v1_StatefulSet, StatefulSet__Output as _berth_objects_v1_StatefulSet__Output } from './berth/objects/v1/StatefulSet.js';
import type { StatefulSetCondition as _berth_objects_v1_StatefulSetCondition, StatefulSetCondition__Output as _berth_objects_v1_StatefulSetCondition__Output } from './berth/objects/v1/StatefulSetCondition.js';
import type { StatefulSetOrdinals as _berth_objects_v1_StatefulSetOrdinals, StatefulSetOrdinals__Output as _berth_objects_v1_StatefulSetOrdinals__Output } from './berth/objects/v1/StatefulSetOrdinals.js';
import type { StatefulSetPersistentVolumeClaimRetentionPolicy as _berth_objects_v1_StatefulSetPersistentVolumeClaimRetentionPolicy, StatefulSetPersistentVolumeClaimRetentionPolicy__Output as _berth_objects_v1_StatefulSetPersistentVolumeClaimRetentionPolicy__Output } from './berth/objects/v1/StatefulSetPersistentVolumeClaimRetentionPolicy.js';
import type { StatefulSetSpec as _berth_objects_v1_StatefulSetSpec, StatefulSetSpec__Output as _berth_objects_v1_StatefulSetSpec__Output } from './berth/objects/v1/StatefulSetSpec.js';
import type { StatefulSetStatus as _berth_objects_v1_StatefulSetStatus, StatefulSetStatus__Output as _berth_objects_v1_StatefulSetStatus__Output } from './berth/objects/v1/StatefulSetStatus.js';
import type { StatefulSetUpdateStrategy as _berth_objects_v1_StatefulSetUpdateStrategy, StatefulSetUpdateStrategy__Output as _berth_objects_v1_StatefulSetUpdateStrategy__Output } from './berth/objects/v1/StatefulSetUpdateStrategy.js';
import type { Sysctl as _berth_objects_v1_Sysctl, Sysctl__Output as _berth_objects_v1_Sysctl__Output } from './berth/objects/v1/Sysctl.js';
import type { TCPSocketAction as _berth_objects_v1_TCPSocketAction, TCPSocketAction__Output as _berth_objects_v1_TCPSocketAction__Output } from './berth/objects/v1/TCPSocketAction.js';
import type { Taint as _berth_objects_v1_Taint, Taint__Output as _berth_objects_v1_Taint__Output } from './berth/objects/v1/Taint.js';
import type { Toleration as _berth_objects_v1_Toleration, Toleration__Output as _berth_objects_v1_Toleration__Output } from './berth/objects/v1/Toleration.js';
import type { TopologySpreadConstraint as _berth_objects_v1_TopologySpreadConstraint, TopologySpreadConstraint__Output as _berth_objects_v1_TopologySpreadConstraint__Output } from './berth/objects/v1/TopologySpreadConstraint.js';
import type { Volume as _berth_objects_v1_Volume, Volume__Output as _berth_objects_v1_Volume__Output } from './berth/objects/v1/Volume.js';
import type { VolumeMount as _berth_objects_v1_VolumeMount, VolumeMount__Output as _berth_objects_v1_VolumeMount__Output } from './berth/objects/v1/VolumeMount.js';
import type { VolumeProjection as _berth_objects_v1_VolumeProjection, VolumeProjection__Output as _berth_objects_v1_VolumeProjection__Output } from './berth/objects/v1/VolumeProjection.js';
import type { VolumeResourceRequirements as _berth_objects_v1_VolumeResourceRequirements, VolumeResourceRequirements__Output as _berth_objects_v1_VolumeResourceRequirements__Output } from './berth/objects/v1/VolumeResourceRequirements.js';
import type { WeightedPodAffinityTerm as _berth_objects_v1_WeightedPodAffinityTerm, WeightedPodAffinityTerm__Output as _berth_objects_v1_WeightedPodAffinityTerm__Output } from './berth/objects/v1/WeightedPodAffinityTerm.js';
import type { AgentExecRequest as _berth_v1_AgentExecRequest, AgentExecRequest__Output as _berth_v1_AgentExecRequest__Output } from './berth/v1/AgentExecRequest.js';
import type { AgentLogsRequest as _berth_v1_AgentLogsRequest, AgentLogsRequest__Output as _berth_v1_AgentLogsRequest__Output } from './berth/v1/AgentLogsRequest.js';
import type { AgentMessage as _berth_v1_AgentMessage, AgentMessage__Output as _berth_v1_AgentMessage__Output } from './berth/v1/AgentMessage.js';
import type { ContainerUsage as _berth_v1_ContainerUsage, ContainerUsage__Output as _berth_v1_ContainerUsage__Output } from './berth/v1/ContainerUsage.js';
import type { ExecRequest as _berth_v1_ExecRequest, ExecRequest__Output as _berth_v1_ExecRequest__Output } from './berth/v1/ExecRequest.js';
import type { ExecResponse as _berth_v1_ExecResponse, ExecResponse__Output as _berth_v1_ExecResponse__Output } from './berth/v1/ExecResponse.js';
import type { Heartbeat as _berth_v1_Heartbeat, Heartbeat__Output as _berth_v1_Heartbeat__Output } from './berth/v1/Heartbeat.js';
import type { LogsRequest as _berth_v1_LogsRequest, LogsRequest__Output as _berth_v1_LogsRequest__Output } from './berth/v1/LogsRequest.js';
import type { LogsResponse as _berth_v1_LogsResponse, LogsResponse__Output as _berth_v1_LogsResponse__Output } from './berth/v1/LogsResponse.js';
import type { NodeServiceClient as _berth_v1_NodeServiceClient, NodeServiceDefinition as _berth_v1_NodeServiceDefinition } from './berth/v1/NodeService.js';
import type { NodeUsage as _berth_v1_NodeUsage, NodeUsage__Output as _berth_v1_NodeUsage__Output } from './berth/v1/NodeUsage.js';
import type { PodChange as _berth_v1_PodChange, PodChange__Output as _berth_v1_PodChange__Output } from './berth/v1/PodChange.js';
import type { PodSet as _berth_v1_PodSet, PodSet__Output as _berth_v1_PodSet__Output } from './berth/v1/PodSet.js';
import type { PodStatusReport as _berth_v1_PodStatusReport, PodStatusReport__Output as _berth_v1_PodStatusReport__Output } from './berth/v1/PodStatusReport.js';
import type { PodTerminated as _berth_v1_PodTerminated, PodTerminated__Output as _berth_v1_PodTerminated__Output } from './berth/v1/PodTerminated.js';
import type { PodUsage as _berth_v1_PodUsage, PodUsage__Output as _berth_v1_PodUsage__Output } from './berth/v1/PodUsage.js';
import type { Register as _berth_v1_Register, Register__Output as _berth_v1_Register__Output } from './berth/v1/Register.js';
import type { Registered as _berth_v1_Registered, Registered__Output as _berth_v1_Registered__Output } from './berth/v1/Registered.js';
import type { ResourceUsage as _berth_v1_ResourceUsage, ResourceUsage__Output as _berth_v1_ResourceUsage__Output } from './berth/v1/ResourceUsage.js';
import type { ServerMessage as _berth_v1_ServerMessage, ServerMessage__Output as _berth_v1_ServerMessage__Output } from './berth/v1/ServerMessage.js';
import type { StreamCancel as _berth_v1_StreamCancel, StreamCancel__Output as _berth_v1_StreamCancel__Output } from './berth/v1/StreamCancel.js';
import type { StreamData as _berth_v1_StreamData, StreamData__Output as _berth_v1_StreamData__Output } from './berth/v1/StreamData.js';
import type { UsageRequest as _berth_v1_UsageRequest, UsageRequest__Output as _berth_v1_UsageRequest__Output } from './berth/v1/UsageRequest.js';
import type { UsageResponse as _berth_v1_UsageResponse, UsageResponse__Output as _berth_v1_UsageResponse__Output } from './berth/v1/UsageResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    objects: {
      v1: {
        Affinity: MessageTypeDefinition<_berth_objects_v1_Affinity, _berth_objects_v1_Affinity__Output>
        ApiObject: MessageTypeDefinition<_berth_objects_v1_ApiObject, _berth_objects_v1_ApiObject__Output>
        Capabilities: MessageTypeDefinition<_berth_objects_v1_Capabilities, _berth_objects_v1_Capabilities__Output>
        ClientIPConfig: MessageTypeDefinition<_berth_objects_v1_ClientIPConfig, _berth_objects_v1_ClientIPConfig__Output>
        Condition: MessageTypeDefinition<_berth_objects_v1_Condition, _berth_objects_v1_Condition__Output>
        ConfigMap: MessageTypeDefinition<_berth_objects_v1_ConfigMap, _berth_objects_v1_ConfigMap__Output>
        ConfigMapEnvSource: MessageTypeDefinition<_berth_objects_v1_ConfigMapEnvSource, _berth_objects_v1_ConfigMapEnvSource__Output>
        ConfigMapKeySelector: MessageTypeDefinition<_berth_objects_v1_ConfigMapKeySelector, _berth_objects_v1_ConfigMapKeySelector__Output>
        ConfigMapProjection: MessageTypeDefinition<_berth_objects_v1_ConfigMapProjection, _berth_objects_v1_ConfigMapProjection__Output>
        ConfigMapVolumeSource: MessageTypeDefinition<_berth_objects_v1_ConfigMapVolumeSource, _berth_objects_v1_ConfigMapVolumeSource__Output>
        Container: MessageTypeDefinition<_berth_objects_v1_Container, _berth_objects_v1_Container__Output>
        ContainerImage: MessageTypeDefinition<_berth_objects_v1_ContainerImage, _berth_objects_v1_ContainerImage__Output>
        ContainerPort: MessageTypeDefinition<_berth_objects_v1_ContainerPort, _berth_objects_v1_ContainerPort__Output>
        ContainerResourceMetricSource: MessageTypeDefinition<_berth_objects_v1_ContainerResourceMetricSource, _berth_objects_v1_ContainerResourceMetricSource__Output>
        ContainerResourceMetricStatus: MessageTypeDefinition<_berth_objects_v1_ContainerResourceMetricStatus, _berth_objects_v1_ContainerResourceMetricStatus__Output>
        ContainerState: MessageTypeDefinition<_berth_objects_v1_ContainerState, _berth_objects_v1_ContainerState__Output>
        ContainerStateRunning: MessageTypeDefinition<_berth_objects_v1_ContainerStateRunning, _berth_objects_v1_ContainerStateRunning__Output>
        ContainerStateTerminated: MessageTypeDefinition<_berth_objects_v1_ContainerStateTerminated, _berth_objects_v1_ContainerStateTerminated__Output>
        ContainerStateWaiting: MessageTypeDefinition<_berth_objects_v1_ContainerStateWaiting, _berth_objects_v1_ContainerStateWaiting__Output>
        ContainerStatus: MessageTypeDefinition<_berth_objects_v1_ContainerStatus, _berth_objects_v1_ContainerStatus__Output>
        CronJob: MessageTypeDefinition<_berth_objects_v1_CronJob, _berth_objects_v1_CronJob__Output>
        CronJobSpec: MessageTypeDefinition<_berth_objects_v1_CronJobSpec, _berth_objects_v1_CronJobSpec__Output>
        CronJobStatus: MessageTypeDefinition<_berth_objects_v1_CronJobStatus, _berth_objects_v1_CronJobStatus__Output>
        CrossVersionObjectReference: MessageTypeDefinition<_berth_objects_v1_CrossVersionObjectReference, _berth_objects_v1_CrossVersionObjectReference__Output>
        DaemonEndpoint: MessageTypeDefinition<_berth_objects_v1_DaemonEndpoint, _berth_objects_v1_DaemonEndpoint__Output>
        DaemonSet: MessageTypeDefinition<_berth_objects_v1_DaemonSet, _berth_objects_v1_DaemonSet__Output>
        DaemonSetCondition: MessageTypeDefinition<_berth_objects_v1_DaemonSetCondition, _berth_objects_v1_DaemonSetCondition__Output>
        DaemonSetSpec: MessageTypeDefinition<_berth_objects_v1_DaemonSetSpec, _berth_objects_v1_DaemonSetSpec__Output>
        DaemonSetStatus: MessageTypeDefinition<_berth_objects_v1_DaemonSetStatus, _berth_objects_v1_DaemonSetStatus__Output>
        DaemonSetUpdateStrategy: MessageTypeDefinition<_berth_objects_v1_DaemonSetUpdateStrategy, _berth_objects_v1_DaemonSetUpdateStrategy__Output>
        Deployment: MessageTypeDefinition<_berth_objects_v1_Deployment, _berth_objects_v1_Deployment__Output>
        DeploymentCondition: MessageTypeDefinition<_berth_objects_v1_DeploymentCondition, _berth_objects_v1_DeploymentCondition__Output>
        DeploymentSpec: MessageTypeDefinition<_berth_objects_v1_DeploymentSpec, _berth_objects_v1_DeploymentSpec__Output>
        DeploymentStatus: MessageTypeDefinition<_berth_objects_v1_DeploymentStatus, _berth_objects_v1_DeploymentStatus__Output>
        DeploymentStrategy: MessageTypeDefinition<_berth_objects_v1_DeploymentStrategy, _berth_objects_v1_DeploymentStrategy__Output>
        DownwardAPIProjection: MessageTypeDefinition<_berth_objects_v1_DownwardAPIProjection, _berth_objects_v1_DownwardAPIProjection__Output>
        DownwardAPIVolumeFile: MessageTypeDefinition<_berth_objects_v1_DownwardAPIVolumeFile, _berth_objects_v1_DownwardAPIVolumeFile__Output>
        DownwardAPIVolumeSource: MessageTypeDefinition<_berth_objects_v1_DownwardAPIVolumeSource, _berth_objects_v1_DownwardAPIVolumeSource__Output>
        EmptyDirVolumeSource: MessageTypeDefinition<_berth_objects_v1_EmptyDirVolumeSource, _berth_objects_v1_EmptyDirVolumeSource__Output>
        EndpointAddress: MessageTypeDefinition<_berth_objects_v1_EndpointAddress, _berth_objects_v1_EndpointAddress__Output>
        EndpointPort: MessageTypeDefinition<_berth_objects_v1_EndpointPort, _berth_objects_v1_EndpointPort__Output>
        EndpointSubset: MessageTypeDefinition<_berth_objects_v1_EndpointSubset, _berth_objects_v1_EndpointSubset__Output>
        Endpoints: MessageTypeDefinition<_berth_objects_v1_Endpoints, _berth_objects_v1_Endpoints__Output>
        EnvFromSource: MessageTypeDefinition<_berth_objects_v1_EnvFromSource, _berth_objects_v1_EnvFromSource__Output>
        EnvVar: MessageTypeDefinition<_berth_objects_v1_EnvVar, _berth_objects_v1_EnvVar__Output>
        EnvVarSource: MessageTypeDefinition<_berth_objects_v1_EnvVarSource, _berth_objects_v1_EnvVarSource__Output>
        Event: MessageTypeDefinition<_berth_objects_v1_Event, _berth_objects_v1_Event__Output>
        EventSeries: MessageTypeDefinition<_berth_objects_v1_EventSeries, _berth_objects_v1_EventSeries__Output>
        EventSource: MessageTypeDefinition<_berth_objects_v1_EventSource, _berth_objects_v1_EventSource__Output>
        ExecAction: MessageTypeDefinition<_berth_objects_v1_ExecAction, _berth_objects_v1_ExecAction__Output>
        ExternalMetricSource: MessageTypeDefinition<_berth_objects_v1_ExternalMetricSource, _berth_objects_v1_ExternalMetricSource__Output>
        ExternalMetricStatus: MessageTypeDefinition<_berth_objects_v1_ExternalMetricStatus, _berth_objects_v1_ExternalMetricStatus__Output>
        GRPCAction: MessageTypeDefinition<_berth_objects_v1_GRPCAction, _berth_objects_v1_GRPCAction__Output>
        HPAScalingPolicy: MessageTypeDefinition<_berth_objects_v1_HPAScalingPolicy, _berth_objects_v1_HPAScalingPolicy__Output>
        HPAScalingRules: MessageTypeDefinition<_berth_objects_v1_HPAScalingRules, _berth_objects_v1_HPAScalingRules__Output>
        HTTPGetAction: MessageTypeDefinition<_berth_objects_v1_HTTPGetAction, _berth_objects_v1_HTTPGetAction__Output>
        HTTPHeader: MessageTypeDefinition<_berth_objects_v1_HTTPHeader, _berth_objects_v1_HTTPHeader__Output>
        HorizontalPodAutoscaler: MessageTypeDefinition<_berth_objects_v1_HorizontalPodAutoscaler, _berth_objects_v1_HorizontalPodAutoscaler__Output>
        HorizontalPodAutoscalerBehavior: MessageTypeDefinition<_berth_objects_v1_HorizontalPodAutoscalerBehavior, _berth_objects_v1_HorizontalPodAutoscalerBehavior__Output>
        HorizontalPodAutoscalerCondition: MessageTypeDefinition<_berth_objects_v1_HorizontalPodAutoscalerCondition, _berth_objects_v1_HorizontalPodAutoscalerCondition__Output>
        HorizontalPodAutoscalerSpec: MessageTypeDefinition<_berth_objects_v1_HorizontalPodAutoscalerSpec, _berth_objects_v1_HorizontalPodAutoscalerSpec__Output>
        HorizontalPodAutoscalerStatus: MessageTypeDefinition<_berth_objects_v1_HorizontalPodAutoscalerStatus, _berth_objects_v1_HorizontalPodAutoscalerStatus__Output>
        HostAlias: MessageTypeDefinition<_berth_objects_v1_HostAlias, _berth_objects_v1_HostAlias__Output>
        HostIP: MessageTypeDefinition<_berth_objects_v1_HostIP, _berth_objects_v1_HostIP__Output>
        HostPathVolumeSource: MessageTypeDefinition<_berth_objects_v1_HostPathVolumeSource, _berth_objects_v1_HostPathVolumeSource__Output>
        IntOrString: MessageTypeDefinition<_berth_objects_v1_IntOrString, _berth_objects_v1_IntOrString__Output>
        Job: MessageTypeDefinition<_berth_objects_v1_Job, _berth_objects_v1_Job__Output>
        JobCondition: MessageTypeDefinition<_berth_objects_v1_JobCondition, _berth_objects_v1_JobCondition__Output>
        JobSpec: MessageTypeDefinition<_berth_objects_v1_JobSpec, _berth_objects_v1_JobSpec__Output>
        JobStatus: MessageTypeDefinition<_berth_objects_v1_JobStatus, _berth_objects_v1_JobStatus__Output>
        JobTemplateSpec: MessageTypeDefinition<_berth_objects_v1_JobTemplateSpec, _berth_objects_v1_JobTemplateSpec__Output>
        KeyToPath: MessageTypeDefinition<_berth_objects_v1_KeyToPath, _berth_objects_v1_KeyToPath__Output>
        LabelSelector: MessageTypeDefinition<_berth_objects_v1_LabelSelector, _berth_objects_v1_LabelSelector__Output>
        LabelSelectorRequirement: MessageTypeDefinition<_berth_objects_v1_LabelSelectorRequirement, _berth_objects_v1_LabelSelectorRequirement__Output>
        Lifecycle: MessageTypeDefinition<_berth_objects_v1_Lifecycle, _berth_objects_v1_Lifecycle__Output>
        LifecycleHandler: MessageTypeDefinition<_berth_objects_v1_LifecycleHandler, _berth_objects_v1_LifecycleHandler__Output>
        LoadBalancerIngress: MessageTypeDefinition<_berth_objects_v1_LoadBalancerIngress, _berth_objects_v1_LoadBalancerIngress__Output>
        LoadBalancerStatus: MessageTypeDefinition<_berth_objects_v1_LoadBalancerStatus, _berth_objects_v1_LoadBalancerStatus__Output>
        LocalObjectReference: MessageTypeDefinition<_berth_objects_v1_LocalObjectReference, _berth_objects_v1_LocalObjectReference__Output>
        MetricIdentifier: MessageTypeDefinition<_berth_objects_v1_MetricIdentifier, _berth_objects_v1_MetricIdentifier__Output>
        MetricSpec: MessageTypeDefinition<_berth_objects_v1_MetricSpec, _berth_objects_v1_MetricSpec__Output>
        MetricStatus: MessageTypeDefinition<_berth_objects_v1_MetricStatus, _berth_objects_v1_MetricStatus__Output>
        MetricTarget: MessageTypeDefinition<_berth_objects_v1_MetricTarget, _berth_objects_v1_MetricTarget__Output>
        MetricValueStatus: MessageTypeDefinition<_berth_objects_v1_MetricValueStatus, _berth_objects_v1_MetricValueStatus__Output>
        Namespace: MessageTypeDefinition<_berth_objects_v1_Namespace, _berth_objects_v1_Namespace__Output>
        NamespaceCondition: MessageTypeDefinition<_berth_objects_v1_NamespaceCondition, _berth_objects_v1_NamespaceCondition__Output>
        NamespaceSpec: MessageTypeDefinition<_berth_objects_v1_NamespaceSpec, _berth_objects_v1_NamespaceSpec__Output>
        NamespaceStatus: MessageTypeDefinition<_berth_objects_v1_NamespaceStatus, _berth_objects_v1_NamespaceStatus__Output>
        Node: MessageTypeDefinition<_berth_objects_v1_Node, _berth_objects_v1_Node__Output>
        NodeAddress: MessageTypeDefinition<_berth_objects_v1_NodeAddress, _berth_objects_v1_NodeAddress__Output>
        NodeAffinity: MessageTypeDefinition<_berth_objects_v1_NodeAffinity, _berth_objects_v1_NodeAffinity__Output>
        NodeCondition: MessageTypeDefinition<_berth_objects_v1_NodeCondition, _berth_objects_v1_NodeCondition__Output>
        NodeDaemonEndpoints: MessageTypeDefinition<_berth_objects_v1_NodeDaemonEndpoints, _berth_objects_v1_NodeDaemonEndpoints__Output>
        NodeSelector: MessageTypeDefinition<_berth_objects_v1_NodeSelector, _berth_objects_v1_NodeSelector__Output>
        NodeSelectorRequirement: MessageTypeDefinition<_berth_objects_v1_NodeSelectorRequirement, _berth_objects_v1_NodeSelectorRequirement__Output>
        NodeSelectorTerm: MessageTypeDefinition<_berth_objects_v1_NodeSelectorTerm, _berth_objects_v1_NodeSelectorTerm__Output>
        NodeSpec: MessageTypeDefinition<_berth_objects_v1_NodeSpec, _berth_objects_v1_NodeSpec__Output>
        NodeStatus: MessageTypeDefinition<_berth_objects_v1_NodeStatus, _berth_objects_v1_NodeStatus__Output>
        NodeSystemInfo: MessageTypeDefinition<_berth_objects_v1_NodeSystemInfo, _berth_objects_v1_NodeSystemInfo__Output>
        ObjectFieldSelector: MessageTypeDefinition<_berth_objects_v1_ObjectFieldSelector, _berth_objects_v1_ObjectFieldSelector__Output>
        ObjectMeta: MessageTypeDefinition<_berth_objects_v1_ObjectMeta, _berth_objects_v1_ObjectMeta__Output>
        ObjectMetricSource: MessageTypeDefinition<_berth_objects_v1_ObjectMetricSource, _berth_objects_v1_ObjectMetricSource__Output>
        ObjectMetricStatus: MessageTypeDefinition<_berth_objects_v1_ObjectMetricStatus, _berth_objects_v1_ObjectMetricStatus__Output>
        ObjectReference: MessageTypeDefinition<_berth_objects_v1_ObjectReference, _berth_objects_v1_ObjectReference__Output>
        OwnerReference: MessageTypeDefinition<_berth_objects_v1_OwnerReference, _berth_objects_v1_OwnerReference__Output>
        PersistentVolumeClaim: MessageTypeDefinition<_berth_objects_v1_PersistentVolumeClaim, _berth_objects_v1_PersistentVolumeClaim__Output>
        PersistentVolumeClaimSpec: MessageTypeDefinition<_berth_objects_v1_PersistentVolumeClaimSpec, _berth_objects_v1_PersistentVolumeClaimSpec__Output>
        PersistentVolumeClaimStatus: MessageTypeDefinition<_berth_objects_v1_PersistentVolumeClaimStatus, _berth_objects_v1_PersistentVolumeClaimStatus__Output>
        PersistentVolumeClaimVolumeSource: MessageTypeDefinition<_berth_objects_v1_PersistentVolumeClaimVolumeSource, _berth_objects_v1_PersistentVolumeClaimVolumeSource__Output>
        Pod: MessageTypeDefinition<_berth_objects_v1_Pod, _berth_objects_v1_Pod__Output>
        PodAffinity: MessageTypeDefinition<_berth_objects_v1_PodAffinity, _berth_objects_v1_PodAffinity__Output>
        PodAffinityTerm: MessageTypeDefinition<_berth_objects_v1_PodAffinityTerm, _berth_objects_v1_PodAffinityTerm__Output>
        PodAntiAffinity: MessageTypeDefinition<_berth_objects_v1_PodAntiAffinity, _berth_objects_v1_PodAntiAffinity__Output>
        PodCondition: MessageTypeDefinition<_berth_objects_v1_PodCondition, _berth_objects_v1_PodCondition__Output>
        PodDNSConfig: MessageTypeDefinition<_berth_objects_v1_PodDNSConfig, _berth_objects_v1_PodDNSConfig__Output>
        PodDNSConfigOption: MessageTypeDefinition<_berth_objects_v1_PodDNSConfigOption, _berth_objects_v1_PodDNSConfigOption__Output>
        PodIP: MessageTypeDefinition<_berth_objects_v1_PodIP, _berth_objects_v1_PodIP__Output>
        PodOS: MessageTypeDefinition<_berth_objects_v1_PodOS, _berth_objects_v1_PodOS__Output>
        PodReadinessGate: MessageTypeDefinition<_berth_objects_v1_PodReadinessGate, _berth_objects_v1_PodReadinessGate__Output>
        PodSecurityContext: MessageTypeDefinition<_berth_objects_v1_PodSecurityContext, _berth_objects_v1_PodSecurityContext__Output>
        PodSpec: MessageTypeDefinition<_berth_objects_v1_PodSpec, _berth_objects_v1_PodSpec__Output>
        PodStatus: MessageTypeDefinition<_berth_objects_v1_PodStatus, _berth_objects_v1_PodStatus__Output>
        PodTemplateSpec: MessageTypeDefinition<_berth_objects_v1_PodTemplateSpec, _berth_objects_v1_PodTemplateSpec__Output>
        PodsMetricSource: MessageTypeDefinition<_berth_objects_v1_PodsMetricSource, _berth_objects_v1_PodsMetricSource__Output>
        PodsMetricStatus: MessageTypeDefinition<_berth_objects_v1_PodsMetricStatus, _berth_objects_v1_PodsMetricStatus__Output>
        PortStatus: MessageTypeDefinition<_berth_objects_v1_PortStatus, _berth_objects_v1_PortStatus__Output>
        PreferredSchedulingTerm: MessageTypeDefinition<_berth_objects_v1_PreferredSchedulingTerm, _berth_objects_v1_PreferredSchedulingTerm__Output>
        PriorityClass: MessageTypeDefinition<_berth_objects_v1_PriorityClass, _berth_objects_v1_PriorityClass__Output>
        Probe: MessageTypeDefinition<_berth_objects_v1_Probe, _berth_objects_v1_Probe__Output>
        ProjectedVolumeSource: MessageTypeDefinition<_berth_objects_v1_ProjectedVolumeSource, _berth_objects_v1_ProjectedVolumeSource__Output>
        ReplicaSet: MessageTypeDefinition<_berth_objects_v1_ReplicaSet, _berth_objects_v1_ReplicaSet__Output>
        ReplicaSetCondition: MessageTypeDefinition<_berth_objects_v1_ReplicaSetCondition, _berth_objects_v1_ReplicaSetCondition__Output>
        ReplicaSetSpec: MessageTypeDefinition<_berth_objects_v1_ReplicaSetSpec, _berth_objects_v1_ReplicaSetSpec__Output>
        ReplicaSetStatus: MessageTypeDefinition<_berth_objects_v1_ReplicaSetStatus, _berth_objects_v1_ReplicaSetStatus__Output>
        ResourceFieldSelector: MessageTypeDefinition<_berth_objects_v1_ResourceFieldSelector, _berth_objects_v1_ResourceFieldSelector__Output>
        ResourceMetricSource: MessageTypeDefinition<_berth_objects_v1_ResourceMetricSource, _berth_objects_v1_ResourceMetricSource__Output>
        ResourceMetricStatus: MessageTypeDefinition<_berth_objects_v1_ResourceMetricStatus, _berth_objects_v1_ResourceMetricStatus__Output>
        ResourceRequirements: MessageTypeDefinition<_berth_objects_v1_ResourceRequirements, _berth_objects_v1_ResourceRequirements__Output>
        RollingUpdateDaemonSet: MessageTypeDefinition<_berth_objects_v1_RollingUpdateDaemonSet, _berth_objects_v1_RollingUpdateDaemonSet__Output>
        RollingUpdateDeployment: MessageTypeDefinition<_berth_objects_v1_RollingUpdateDeployment, _berth_objects_v1_RollingUpdateDeployment__Output>
        RollingUpdateStatefulSetStrategy: MessageTypeDefinition<_berth_objects_v1_RollingUpdateStatefulSetStrategy, _berth_objects_v1_RollingUpdateStatefulSetStrategy__Output>
        SELinuxOptions: MessageTypeDefinition<_berth_objects_v1_SELinuxOptions, _berth_objects_v1_SELinuxOptions__Output>
        SeccompProfile: MessageTypeDefinition<_berth_objects_v1_SeccompProfile, _berth_objects_v1_SeccompProfile__Output>
        Secret: MessageTypeDefinition<_berth_objects_v1_Secret, _berth_objects_v1_Secret__Output>
        SecretEnvSource: MessageTypeDefinition<_berth_objects_v1_SecretEnvSource, _berth_objects_v1_SecretEnvSource__Output>
        SecretKeySelector: MessageTypeDefinition<_berth_objects_v1_SecretKeySelector, _berth_objects_v1_SecretKeySelector__Output>
        SecretProjection: MessageTypeDefinition<_berth_objects_v1_SecretProjection, _berth_objects_v1_SecretProjection__Output>
        SecretVolumeSource: MessageTypeDefinition<_berth_objects_v1_SecretVolumeSource, _berth_objects_v1_SecretVolumeSource__Output>
        SecurityContext: MessageTypeDefinition<_berth_objects_v1_SecurityContext, _berth_objects_v1_SecurityContext__Output>
        Service: MessageTypeDefinition<_berth_objects_v1_Service, _berth_objects_v1_Service__Output>
        ServiceAccountTokenProjection: MessageTypeDefinition<_berth_objects_v1_ServiceAccountTokenProjection, _berth_objects_v1_ServiceAccountTokenProjection__Output>
        ServicePort: MessageTypeDefinition<_berth_objects_v1_ServicePort, _berth_objects_v1_ServicePort__Output>
        ServiceSpec: MessageTypeDefinition<_berth_objects_v1_ServiceSpec, _berth_objects_v1_ServiceSpec__Output>
        ServiceStatus: MessageTypeDefinition<_berth_objects_v1_ServiceStatus, _berth_objects_v1_ServiceStatus__Output>
        SessionAffinityConfig: MessageTypeDefinition<_berth_objects_v1_SessionAffinityConfig, _berth_objects_v1_SessionAffinityConfig__Output>
        SleepAction: MessageTypeDefinition<_berth_objects_v1_SleepAction, _berth_objects_v1_SleepAction__Output>
        StatefulSet: MessageTypeDefinition<_berth_objects_v1_StatefulSet, _berth_objects_v1_StatefulSet__Output>
        StatefulSetCondition: MessageTypeDefinition<_berth_objects_v1_StatefulSetCondition, _berth_objects_v1_StatefulSetCondition__Output>
        StatefulSetOrdinals: MessageTypeDefinition<_berth_objects_v1_StatefulSetOrdinals, _berth_objects_v1_StatefulSetOrdinals__Output>
        StatefulSetPersistentVolumeClaimRetentionPolicy: MessageTypeDefinition<_berth_objects_v1_StatefulSetPersistentVolumeClaimRetentionPolicy, _berth_objects_v1_StatefulSetPersistentVolumeClaimRetentionPolicy__Output>
        StatefulSetSpec: MessageTypeDefinition<_berth_objects_v1_StatefulSetSpec, _berth_objects_v1_StatefulSetSpec__Output>
        StatefulSetStatus: MessageTypeDefinition<_berth_objects_v1_StatefulSetStatus, _berth_objects_v1_StatefulSetStatus__Output>
        StatefulSetUpdateStrategy: MessageTypeDefinition<_berth_objects_v1_StatefulSetUpdateStrategy, _berth_objects_v1_StatefulSetUpdateStrategy__Output>
        Sysctl: MessageTypeDefinition<_berth_objects_v1_Sysctl, _berth_objects_v1_Sysctl__Output>
        TCPSocketAction: MessageTypeDefinition<_berth_objects_v1_TCPSocketAction, _berth_objects_v1_TCPSocketAction__Output>
        Taint: MessageTypeDefinition<_berth_objects_v1_Taint, _berth_objects_v1_Taint__Output>
        Toleration: MessageTypeDefinition<_berth_objects_v1_Toleration, _berth_objects_v1_Toleration__Output>
        TopologySpreadConstraint: MessageTypeDefinition<_berth_objects_v1_TopologySpreadConstraint, _berth_objects_v1_TopologySpreadConstraint__Output>
        Volume: MessageTypeDefinition<_berth_objects_v1_Volume, _berth_objects_v1_Volume__Output>
        VolumeMount: MessageTypeDefinition<_berth_objects_v1_VolumeMount, _berth_objects_v1_VolumeMount__Output>
        VolumeProjection: MessageTypeDefinition<_berth_objects_v1_VolumeProjection, _berth_objects_v1_VolumeProjection__Output>
        VolumeResourceRequirements: MessageTypeDefinition<_berth_objects_v1_VolumeResourceRequirements, _berth_objects_v1_VolumeResourceRequirements__Output>
        WeightedPodAffinityTerm: MessageTypeDefinition<_berth_objects_v1_WeightedPodAffinityTerm, _berth_objects_v1_WeightedPodAffinityTerm__Output>
      }
    }
    v1: {
      AgentExecRequest: MessageTypeDefinition<_berth_v1_AgentExecRequest, _berth_v1_AgentExecRequest__Output>
      AgentLogsRequest: MessageTypeDefinition<_berth_v1_AgentLogsRequest, _berth_v1_AgentLogsRequest__Output>
      AgentMessage: MessageTypeDefinition<_berth_v1_AgentMessage, _berth_v1_AgentMessage__Output>
      ContainerUsage: MessageTypeDefinition<_berth_v1_ContainerUsage, _berth_v1_ContainerUsage__Output>
      ExecRequest: MessageTypeDefinition<_berth_v1_ExecRequest, _berth_v1_ExecRequest__Output>
      ExecResponse: MessageTypeDefinition<_berth_v1_ExecResponse, _berth_v1_ExecResponse__Output>
      Heartbeat: MessageTypeDefinition<_berth_v1_Heartbeat, _berth_v1_Heartbeat__Output>
      LogsRequest: MessageTypeDefinition<_berth_v1_LogsRequest, _berth_v1_LogsRequest__Output>
      LogsResponse: MessageTypeDefinition<_berth_v1_LogsResponse, _berth_v1_LogsResponse__Output>
      NodeService: SubtypeConstructor<typeof grpc.Client, _berth_v1_NodeServiceClient> & { service: _berth_v1_NodeServiceDefinition }
      NodeUsage: MessageTypeDefinition<_berth_v1_NodeUsage, _berth_v1_NodeUsage__Output>
      PodChange: MessageTypeDefinition<_berth_v1_PodChange, _berth_v1_PodChange__Output>
      PodSet: MessageTypeDefinition<_berth_v1_PodSet, _berth_v1_PodSet__Output>
      PodStatusReport: MessageTypeDefinition<_berth_v1_PodStatusReport, _berth_v1_PodStatusReport__Output>
      PodTerminated: MessageTypeDefinition<_berth_v1_PodTerminated, _berth_v1_PodTerminated__Output>
      PodUsage: MessageTypeDefinition<_berth_v1_PodUsage, _berth_v1_PodUsage__Output>
      Register: MessageTypeDefinition<_berth_v1_Register, _berth_v1_Register__Output>
      Registered: MessageTypeDefinition<_berth_v1_Registered, _berth_v1_Registered__Output>
      ResourceUsage: MessageTypeDefinition<_berth_v1_ResourceUsage, _berth_v1_ResourceUsage__Output>
      ServerMessage: MessageTypeDefinition<_berth_v1_ServerMessage, _berth_v1_ServerMessage__Output>
      StreamCancel: MessageTypeDefinition<_berth_v1_StreamCancel, _berth_v1_StreamCancel__Output>
      StreamData: MessageTypeDefinition<_berth_v1_StreamData, _berth_v1_StreamData__Output>
      UsageRequest: MessageTypeDefinition<_berth_v1_UsageRequest, _berth_v1_UsageRequest__Output>
      UsageResponse: MessageTypeDefinition<_berth_v1_UsageResponse, _berth_v1_UsageResponse__Output>
    }
  }
}

