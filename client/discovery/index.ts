// The public face of service discovery: the wire contract (subjects, the bucket, EndpointSet), the
// function that computes a set, the cache that follows NATS or the control plane, and the client
// that answers lookups from it.
export * from './wire.js';
export { endpointSetOf, deletedEndpointSet, readyEndpoints } from './endpoint-set.js';
export { DiscoveryCache } from './cache.js';
export type { DiscoveryStatus } from './cache.js';
export { DiscoveryClient } from './discovery-client.js';
export type { DiscoveryListener, ResolveOptions } from './discovery-client.js';
export { RoundRobinPicker, LeastOutstandingPicker } from './pickers.js';
export type { OutstandingPick } from './pickers.js';
export { DEFAULT_CLUSTER_ID, DEFAULT_MAX_DISCOVERY_LISTENERS, DEFAULT_MAX_DISCOVERY_SERVICES, compileDiscoveryOptions, checkClusterId } from './options.js';
export type { CompiledDiscoveryOptions, DiscoveryCacheOptions, DiscoveryFallback, DiscoveryMode, DiscoveryOptions } from './options.js';
export type { CachedEndpointSet, SetSource } from './set-store.js';
