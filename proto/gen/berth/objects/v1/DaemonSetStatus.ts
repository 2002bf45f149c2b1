// Original file: proto/berth/objects/v1/objects.proto


export interface DaemonSetStatus {
}

export interface DaemonSetStatus__Output {
}
