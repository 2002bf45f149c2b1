// Original file: proto/berth/objects/v1/objects.proto


export interface NodeSpec {
}

export interface NodeSpec__Output {
}
