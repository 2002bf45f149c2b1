// Original file: proto/berth/objects/v1/objects.proto


export interface NodeStatus {
}

export interface NodeStatus__Output {
}
