// Original file: proto/berth/v1/raft.proto


export interface SendAck {
}

export interface SendAck__Output {
}
