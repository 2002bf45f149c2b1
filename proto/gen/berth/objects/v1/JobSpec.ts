// Original file: proto/berth/objects/v1/objects.proto


export interface JobSpec {
}

export interface JobSpec__Output {
}
