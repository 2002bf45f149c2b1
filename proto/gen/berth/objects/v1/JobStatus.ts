// Original file: proto/berth/objects/v1/objects.proto


export interface JobStatus {
}

export interface JobStatus__Output {
}
