// The public face of the object rules: validation, defaults, selectors, merge patches, quantities,
// names, cron schedules and taints/tolerations, as the API server, the scheduler and the
// controllers use them.
export { validateObject } from './validate.js';
export type { ValidationContext } from './validate.js';
export { defaultObject, defaultPullPolicy, JOB_CONTROLLER_UID_LABEL, JOB_NAME_LABEL } from './defaults.js';
export { parseLabelSelector, labelSelectorFromObject, parseFieldSelector, supportedFieldSelectors } from './selectors.js';
export type { LabelMatcher, FieldMatcher } from './selectors.js';
export { mergePatch, applyPatch, deepEqual, cloneJson } from './merge.js';
export { parseQuantity, quantityValue } from '../../../client/index.js';
export {
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isLabelValue,
  isIanaSvcName,
  isConfigKey,
  isIpAddress,
  DNS1123_LABEL_MAX,
  DNS1123_SUBDOMAIN_MAX,
} from './names.js';
export { parseCron, cronProblem, nextAfter, isValidTimeZone, CRON_SEARCH_YEARS } from './cron.js';
export type { CronSchedule, CronParse } from './cron.js';
export { tolerates, toleratedBy, firstUntolerated, countUntolerated, parseTaints, parseTolerations, taintText } from './taints.js';
export type { Taint, Toleration } from './taints.js';
export { NODE_PORT_MIN, NODE_PORT_MAX } from './validate-service.js';
