// The public face of node/dns/: the agent's DNS server for the cluster domain and its options.
export { DnsServer } from './server.js';
export {
  compileDnsServerOptions,
  clusterDomainProblem,
  parseListenAddress,
  CLASSIC_UDP_BYTES,
  DEFAULT_CLUSTER_DOMAIN,
  DEFAULT_DNS_ADDRESS,
  MAX_DNS_MESSAGE_BYTES,
} from './options.js';
export type { CompiledDnsServerOptions, DnsServerOptions } from './options.js';
export { answerQuery, encodeWithin } from './message.js';
export type { AnswerContext, AnswerLimits, EncodedAnswer } from './message.js';
export { resolveQuestion, RCODE } from './records.js';
export type { DnsZone, Resolution } from './records.js';
export { endpointHost, endpointName, serviceName, parseName } from './names.js';
export type { ParsedName } from './names.js';
