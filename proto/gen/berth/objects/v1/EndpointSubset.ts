// Original file: proto/berth/objects/v1/objects.proto


export interface EndpointSubset {
}

export interface EndpointSubset__Output {
}
