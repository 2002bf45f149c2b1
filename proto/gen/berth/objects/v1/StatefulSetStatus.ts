// Original file: proto/berth/objects/v1/objects.proto


export interface StatefulSetStatus {
}

export interface StatefulSetStatus__Output {
}
