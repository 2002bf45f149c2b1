// Original file: proto/berth/objects/v1/objects.proto


export interface EventSource {
}

export interface EventSource__Output {
}
