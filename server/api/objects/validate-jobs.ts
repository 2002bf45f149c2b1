// Job and CronJob specs. A CronJob's jobTemplate.spec follows a Job's spec rules.
import { cronProblem, isValidTimeZone } from './cron.js';
import { templateMeta } from './validate-meta.js';
import { restartPolicyIn, templateRule } from './validate-pod.js';
import type { Check, Rule } from './validate-rules.js';
import { at, bool, fields, int, list, oneOf, own, present, req, str } from './validate-rules.js';
import { selectorMatchesTemplate, workloadSelector } from './validate-workloads.js';

/** An Indexed Job gives each pod an index below completions, so completions must be set. */
const indexedNeedsCompletions: Check = (c, spec, path) => {
  if (own(spec, 'completionMode') === 'Indexed' && !present(own(spec, 'completions'))) {
    c.say(at(path, 'completions'), 'required when completionMode is Indexed');
  }
};

const podFailurePolicy = fields({
  rules: req(
    list(
      fields({
        action: req(oneOf('FailJob', 'FailIndex', 'Ignore', 'Count')),
        onExitCodes: fields({ containerName: str(), operator: req(oneOf('In', 'NotIn')), values: req(list(int())) }),
        onPodConditions: list(fields({ type: req(str()), status: oneOf('True', 'False', 'Unknown') })),
      }),
    ),
  ),
});

export const jobSpec: Rule = fields(
  {
    parallelism: int(0),
    completions: int(0),
    backoffLimit: int(0),
    backoffLimitPerIndex: int(0),
    maxFailedIndexes: int(0),
    activeDeadlineSeconds: int(1),
    ttlSecondsAfterFinished: int(0),
    completionMode: oneOf('NonIndexed', 'Indexed'),
    suspend: bool,
    manualSelector: bool,
    selector: workloadSelector,
    template: req(templateRule()),
    podFailurePolicy,
    podReplacementPolicy: oneOf('TerminatingOrFailed', 'Failed'),
  },
  selectorMatchesTemplate,
  restartPolicyIn(['OnFailure', 'Never'], 'Job'),
  indexedNeedsCompletions,
);

function timeZoneProblem(s: string): string | undefined {
  return isValidTimeZone(s) ? undefined : 'must be a valid IANA time zone such as "Europe/Berlin" or "UTC"';
}

export const cronJobSpec: Rule = fields({
  schedule: req(str(cronProblem)),
  timeZone: str(timeZoneProblem),
  concurrencyPolicy: oneOf('Allow', 'Forbid', 'Replace'),
  suspend: bool,
  successfulJobsHistoryLimit: int(0),
  failedJobsHistoryLimit: int(0),
  startingDeadlineSeconds: int(0),
  jobTemplate: req(fields({ metadata: templateMeta, spec: req(jobSpec) })),
});

/** A CronJob's Jobs are named <cronjob>-<11 characters of schedule time>, within 63. */
export const CRONJOB_NAME_MAX = 52;
