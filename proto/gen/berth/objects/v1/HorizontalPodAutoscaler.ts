// Original file: proto/berth/objects/v1/objects.proto

import type { ObjectMeta as _berth_objects_v1_ObjectMeta, ObjectMeta__Output as _berth_objects_v1_ObjectMeta__Output } from '../../../berth/objects/v1/ObjectMeta.js';
import type { HorizontalPodAutoscalerSpec as _berth_objects_v1_HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerSpec__Output as _berth_objects_v1_HorizontalPodAutoscalerSpec__Output } from '../../../berth/objects/v1/HorizontalPodAutoscalerSpec.js';
import type { HorizontalPodAutoscalerStatus as _berth_objects_v1_HorizontalPodAutoscalerStatus, HorizontalPodAutoscalerStatus__Output as _berth_objects_v1_HorizontalPodAutoscalerStatus__Output } from '../../../berth/objects/v1/HorizontalPodAutoscalerStatus.js';

export interface HorizontalPodAutoscaler {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_berth_objects_v1_ObjectMeta | null);
  'spec'?: (_berth_objects_v1_HorizontalPodAutoscalerSpec | null);
  'status'?: (_berth_objects_v1_HorizontalPodAutoscalerStatus | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}

export interface HorizontalPodAutoscaler__Output {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata': (_berth_objects_v1_ObjectMeta__Output | null);
  'spec': (_berth_objects_v1_HorizontalPodAutoscalerSpec__Output | null);
  'status': (_berth_objects_v1_HorizontalPodAutoscalerStatus__Output | null);
  '_apiVersion'?: "apiVersion";
  '_kind'?: "kind";
}
