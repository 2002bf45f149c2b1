// Original file: proto/berth/objects/v1/objects.proto


export interface ReplicaSetStatus {
}

export interface ReplicaSetStatus__Output {
}
