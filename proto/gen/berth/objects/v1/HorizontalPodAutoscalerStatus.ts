// Original file: proto/berth/objects/v1/objects.proto


export interface HorizontalPodAutoscalerStatus {
}

export interface HorizontalPodAutoscalerStatus__Output {
}
