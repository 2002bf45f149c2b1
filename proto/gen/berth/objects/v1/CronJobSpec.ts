// Original file: proto/berth/objects/v1/objects.proto


export interface CronJobSpec {
}

export interface CronJobSpec__Output {
}
