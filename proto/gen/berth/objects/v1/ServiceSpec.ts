// Original file: proto/berth/objects/v1/objects.proto


export interface ServiceSpec {
}

export interface ServiceSpec__Output {
}
