// Original file: proto/berth/v1/api.proto


export interface StatusRequest {
}

export interface StatusRequest__Output {
}
