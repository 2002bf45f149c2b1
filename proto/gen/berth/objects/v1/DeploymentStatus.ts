// Original file: proto/berth/objects/v1/objects.proto


export interface DeploymentStatus {
}

export interface DeploymentStatus__Output {
}
