// Original file: proto/berth/objects/v1/objects.proto


export interface HorizontalPodAutoscalerSpec {
}

export interface HorizontalPodAutoscalerSpec__Output {
}
