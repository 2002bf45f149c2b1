// One DNS query in, one encoded answer out (or nothing: a packet that is not a well-formed query is
// dropped, so that garbage cannot make the server talk). Pure apart from reading the source.
//
// Size: over UDP an answer fits in 512 bytes, or in the EDNS0 buffer the client advertises (up to
// the server's maximum). What does not fit loses its additional and authority records first
// (that needs no TC bit), then answer records, with TC set so that the client asks again over TCP.
import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, OptAnswer, Packet, Question } from 'dns-packet';
import type { EndpointSource } from '../../client/index.js';
import { wellFormedName } from './names.js';
import { CLASSIC_UDP_BYTES, MAX_DNS_MESSAGE_BYTES } from './options.js';
import { RCODE, resolveQuestion } from './records.js';
import type { DnsZone, Resolution } from './records.js';

const OPCODE_QUERY = 0;
/** Extended rcode (upper 8 bits, in the OPT record) of BADVERS: an EDNS version the server lacks. */
const EXTENDED_RCODE_BADVERS = 1;
const HEADER_BYTES = 12;

/** What answers are read from besides the EndpointSource. */
export interface AnswerContext {
  /** Whether the source has been filled once; until then every question gets SERVFAIL. @default true */
  readonly synced?: boolean;
  /** Whether a namespace (lowercase) has a Service; by default every set is looked through. */
  readonly hasNamespace?: (namespace: string) => boolean;
}

export interface AnswerLimits {
  readonly transport: 'udp' | 'tcp';
  /** The largest UDP answer whatever a client's EDNS0 buffer says. */
  readonly maxUdpPayloadBytes: number;
}

/** What one query got: the bytes to send back, and the rcode (for logs and tests). */
export interface EncodedAnswer {
  readonly bytes: Buffer;
  readonly rcode: number;
  readonly truncated: boolean;
}

function decodeQuery(raw: Buffer): DecodedPacket | undefined {
  if (raw.length < HEADER_BYTES) return undefined;
  try {
    const p = dnsPacket.decode(raw);
    if (p.flag_qr) return undefined;
    for (const q of p.questions ?? []) if (!wellFormedName(q.name)) return undefined;
    return p;
  } catch {
    return undefined;
  }
}

const opcodeOf = (p: DecodedPacket): number => ((p.flags ?? 0) >> 11) & 0xf;

function ourOpt(maxUdpPayloadBytes: number, extendedRcode = 0): OptAnswer {
  return { name: '.', type: 'OPT', udpPayloadSize: maxUdpPayloadBytes, extendedRcode, ednsVersion: 0, flags: 0, flag_do: false, options: [] };
}

function header(query: DecodedPacket, rcode: number, authoritative: boolean): Packet {
  const rd = (query.flags ?? 0) & dnsPacket.RECURSION_DESIRED;
  return { type: 'response', id: query.id ?? 0, flags: (authoritative ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | rd | (rcode & 0xf) };
}

/** `packet` encoded within `limit` bytes: fewer records and TC when it does not fit. */
export function encodeWithin(packet: Packet, limit: number): { bytes: Buffer; truncated: boolean } {
  const full = dnsPacket.encode(packet);
  if (full.length <= limit) return { bytes: full, truncated: false };
  const opts = (packet.additionals ?? []).filter((a) => a.type === 'OPT');
  const lean: Packet = { ...packet, authorities: [], additionals: opts };
  const leanBytes = dnsPacket.encode(lean);
  if (leanBytes.length <= limit) return { bytes: leanBytes, truncated: false };
  let size = dnsPacket.encodingLength({ ...lean, answers: [] });
  const kept: Answer[] = [];
  for (const a of packet.answers ?? []) {
    const len = dnsPacket.encodingLength({ answers: [a] }) - HEADER_BYTES;
    if (size + len > limit) break;
    size += len;
    kept.push(a);
  }
  const flags = (packet.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE;
  return { bytes: dnsPacket.encode({ ...lean, flags, answers: kept }), truncated: true };
}

function reply(query: DecodedPacket, questions: Question[], res: Resolution, opt: OptAnswer | undefined, limit: number): EncodedAnswer {
  const packet: Packet = {
    ...header(query, res.rcode, res.authoritative),
    questions,
    answers: res.answers,
    authorities: res.authorities,
    additionals: [...res.additionals, ...(opt === undefined ? [] : [opt])],
  };
  const { bytes, truncated } = encodeWithin(packet, limit);
  return { bytes, rcode: res.rcode, truncated };
}

const bare = (rcode: number): Resolution => ({ rcode, authoritative: false, answers: [], authorities: [], additionals: [] });

/**
 * The answer to the raw query `raw`, or undefined when it is to be dropped. Until the source has
 * been filled once (`context.synced` false) every question gets SERVFAIL: an empty copy must not
 * tell resolvers that the cluster's names do not exist.
 */
export function answerQuery(raw: Buffer, source: EndpointSource, zone: DnsZone, limits: AnswerLimits, context: AnswerContext = {}): EncodedAnswer | undefined {
  const query = decodeQuery(raw);
  if (query === undefined) return undefined;
  const opts = (query.additionals ?? []).filter((a): a is OptAnswer => a.type === 'OPT');
  const opt = opts.length > 0 ? ourOpt(limits.maxUdpPayloadBytes) : undefined;
  const asked = opts[0]?.udpPayloadSize ?? CLASSIC_UDP_BYTES;
  const limit = limits.transport === 'tcp' ? MAX_DNS_MESSAGE_BYTES : Math.min(Math.max(asked, CLASSIC_UDP_BYTES), limits.maxUdpPayloadBytes);
  const questions = query.questions ?? [];
  if (opcodeOf(query) !== OPCODE_QUERY) return reply(query, questions, bare(RCODE.NOTIMP), opt, limit);
  if (questions.length !== 1 || opts.length > 1) return reply(query, [], bare(RCODE.FORMERR), opt, limit);
  if (opts[0] !== undefined && opts[0].ednsVersion !== 0) {
    return reply(query, questions, bare(RCODE.NOERROR), ourOpt(limits.maxUdpPayloadBytes, EXTENDED_RCODE_BADVERS), limit);
  }
  if (context.synced === false) return reply(query, questions, bare(RCODE.SERVFAIL), opt, limit);
  return reply(query, questions, resolveQuestion(questions[0]!, source, zone, context.hasNamespace), opt, limit);
}

/** A SERVFAIL for `raw` when answering it failed unexpectedly (undefined when even its id is unreadable). */
export function serverFailure(raw: Buffer): Buffer | undefined {
  if (raw.length < HEADER_BYTES) return undefined;
  return dnsPacket.encode({ type: 'response', id: raw.readUInt16BE(0), flags: RCODE.SERVFAIL });
}
