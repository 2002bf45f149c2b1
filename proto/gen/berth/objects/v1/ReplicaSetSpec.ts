// Original file: proto/berth/objects/v1/objects.proto


export interface ReplicaSetSpec {
}

export interface ReplicaSetSpec__Output {
}
