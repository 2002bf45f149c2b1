// Original file: proto/berth/objects/v1/objects.proto

import type { ServicePort as _berth_objects_v1_ServicePort, ServicePort__Output as _berth_objects_v1_ServicePort__Output } from '../../../berth/objects/v1/ServicePort.js';
import type { SessionAffinityConfig as _berth_objects_v1_SessionAffinityConfig, SessionAffinityConfig__Output as _berth_objects_v1_SessionAffinityConfig__Output } from '../../../berth/objects/v1/SessionAffinityConfig.js';

export interface ServiceSpec {
  'ports'?: (_berth_objects_v1_ServicePort)[];
  /**
   * Pods with these labels back the Service; none: endpoints are managed by hand.
   */
  'selector'?: ({[key: string]: string});
  /**
   * "None" makes the Service headless.
   */
  'clusterIp'?: (string);
  'clusterIps'?: (string)[];
  /**
   * ClusterIP, NodePort, LoadBalancer or ExternalName
   */
  'type'?: (string);
  'externalIps'?: (string)[];
  /**
   * None or ClientIP
   */
  'sessionAffinity'?: (string);
  'loadBalancerIp'?: (string);
  'loadBalancerSourceRanges'?: (string)[];
  'externalName'?: (string);
  /**
   * Cluster or Local
   */
  'externalTrafficPolicy'?: (string);
  'healthCheckNodePort'?: (number);
  'publishNotReadyAddresses'?: (boolean);
  'sessionAffinityConfig'?: (_berth_objects_v1_SessionAffinityConfig | null);
  /**
   * IPv4, IPv6
   */
  'ipFamilies'?: (string)[];
  /**
   * SingleStack, PreferDualStack or RequireDualStack
   */
  'ipFamilyPolicy'?: (string);
  'allocateLoadBalancerNodePorts'?: (boolean);
  'loadBalancerClass'?: (string);
  /**
   * Cluster or Local
   */
  'internalTrafficPolicy'?: (string);
  'trafficDistribution'?: (string);
  '_clusterIp'?: "clusterIp";
  '_type'?: "type";
  '_sessionAffinity'?: "sessionAffinity";
  '_loadBalancerIp'?: "loadBalancerIp";
  '_externalName'?: "externalName";
  '_externalTrafficPolicy'?: "externalTrafficPolicy";
  '_healthCheckNodePort'?: "healthCheckNodePort";
  '_publishNotReadyAddresses'?: "publishNotReadyAddresses";
  '_ipFamilyPolicy'?: "ipFamilyPolicy";
  '_allocateLoadBalancerNodePorts'?: "allocateLoadBalancerNodePorts";
  '_loadBalancerClass'?: "loadBalancerClass";
  '_internalTrafficPolicy'?: "internalTrafficPolicy";
  '_trafficDistribution'?: "trafficDistribution";
}

export interface ServiceSpec__Output {
  'ports': (_berth_objects_v1_ServicePort__Output)[];
  /**
   * Pods with these labels back the Service; none: endpoints are managed by hand.
   */
  'selector': ({[key: string]: string});
  /**
   * "None" makes the Service headless.
   */
  'clusterIp'?: (string);
  'clusterIps': (string)[];
  /**
   * ClusterIP, NodePort, LoadBalancer or ExternalName
   */
  'type'?: (string);
  'externalIps': (string)[];
  /**
   * None or ClientIP
   */
  'sessionAffinity'?: (string);
  'loadBalancerIp'?: (string);
  'loadBalancerSourceRanges': (string)[];
  'externalName'?: (string);
  /**
   * Cluster or Local
   */
  'externalTrafficPolicy'?: (string);
  'healthCheckNodePort'?: (number);
  'publishNotReadyAddresses'?: (boolean);
  'sessionAffinityConfig': (_berth_objects_v1_SessionAffinityConfig__Output | null);
  /**
   * IPv4, IPv6
   */
  'ipFamilies': (string)[];
  /**
   * SingleStack, PreferDualStack or RequireDualStack
   */
  'ipFamilyPolicy'?: (string);
  'allocateLoadBalancerNodePorts'?: (boolean);
  'loadBalancerClass'?: (string);
  /**
   * Cluster or Local
   */
  'internalTrafficPolicy'?: (string);
  'trafficDistribution'?: (string);
  '_clusterIp'?: "clusterIp";
  '_type'?: "type";
  '_sessionAffinity'?: "sessionAffinity";
  '_loadBalancerIp'?: "loadBalancerIp";
  '_externalName'?: "externalName";
  '_externalTrafficPolicy'?: "externalTrafficPolicy";
  '_healthCheckNodePort'?: "healthCheckNodePort";
  '_publishNotReadyAddresses'?: "publishNotReadyAddresses";
  '_ipFamilyPolicy'?: "ipFamilyPolicy";
  '_allocateLoadBalancerNodePorts'?: "allocateLoadBalancerNodePorts";
  '_loadBalancerClass'?: "loadBalancerClass";
  '_internalTrafficPolicy'?: "internalTrafficPolicy";
  '_trafficDistribution'?: "trafficDistribution";
}
