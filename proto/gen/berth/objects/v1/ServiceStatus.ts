// Original file: proto/berth/objects/v1/objects.proto


export interface ServiceStatus {
}

export interface ServiceStatus__Output {
}
