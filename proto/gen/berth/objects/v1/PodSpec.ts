// Original file: proto/berth/objects/v1/objects.proto


export interface PodSpec {
}

export interface PodSpec__Output {
}
