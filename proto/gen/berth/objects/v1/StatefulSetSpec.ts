// Original file: proto/berth/objects/v1/objects.proto


export interface StatefulSetSpec {
}

export interface StatefulSetSpec__Output {
}
