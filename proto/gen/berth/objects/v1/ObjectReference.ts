// Original file: proto/berth/objects/v1/objects.proto


export interface ObjectReference {
}

export interface ObjectReference__Output {
}
