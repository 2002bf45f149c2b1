// Original file: proto/berth/objects/v1/objects.proto


export interface PodStatus {
}

export interface PodStatus__Output {
}
