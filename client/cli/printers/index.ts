// The public face of the printers: tables per kind, the describe page, names and ages. All of
// them are pure functions of objects and the time now.
export { formatDuration, age } from './age.js';
export { objectTable, tableHeaders, tableRow, printerFor } from './table.js';
export type { Table, TableOptions } from './table.js';
export type { KindPrinter } from './printer.js';
export { describeObject, formatTime } from './describe.js';
export type { DescribeInput } from './describe.js';
export { groupOf, resourceRef, objectRef, quotedRef, knownKinds, kindsHelp } from './names.js';
export { podStatus } from './pods.js';
export { jobStatus } from './workloads.js';
export { servicePorts, endpointsCell, MAX_ENDPOINTS_SHOWN } from './services.js';
export { resolveDocument, resolveRow, RESOLVE_HEADERS, RESOLVE_WIDE_HEADERS } from './endpoint-sets.js';
export type { ResolveDocument } from './endpoint-sets.js';
export { nodeStatus, nodeRoles, hpaTargets } from './cluster.js';
