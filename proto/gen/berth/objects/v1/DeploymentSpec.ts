// Original file: proto/berth/objects/v1/objects.proto


export interface DeploymentSpec {
}

export interface DeploymentSpec__Output {
}
