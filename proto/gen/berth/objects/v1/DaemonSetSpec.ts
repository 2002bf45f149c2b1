// Original file: proto/berth/objects/v1/objects.proto


export interface DaemonSetSpec {
}

export interface DaemonSetSpec__Output {
}
