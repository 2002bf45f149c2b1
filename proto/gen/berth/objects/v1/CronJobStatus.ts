// Original file: proto/berth/objects/v1/objects.proto


export interface CronJobStatus {
}

export interface CronJobStatus__Output {
}
