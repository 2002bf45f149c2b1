// The public face of node/proxy/: the agent's NodePort proxy and its options.
export { NodePortProxy } from './proxy.js';
export { compileNodePortProxyOptions } from './options.js';
export type { CompiledNodePortProxyOptions, NodePortProxyOptions } from './options.js';
export { nodePortTargets } from './targets.js';
export type { NodePortTarget } from './targets.js';
export { EndpointPicker, MAX_REFUSED_ENTRIES } from './picker.js';
