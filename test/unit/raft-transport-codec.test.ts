// Proves that every core Message survives encodeMessage, RaftService's real protobuf encoding and
// decodeMessage unchanged, that the size estimate used to fill envelopes is an upper bound, and
// that malformed wire messages are refused rather than delivered half-understood.
import { describe, expect, it } from 'vitest';
import type { Message, MessageType } from '../../server/raft/core/types.js';
import { decodeMessage, encodeMessage, estimateMessageBytes } from '../../server/raft/transport/codec.js';
import { raftProto } from '../../server/raft/transport/proto.js';
import type { RaftEnvelope, RaftEnvelope__Output } from '../../proto/gen/berth/v1/RaftEnvelope.js';

const TYPES: MessageType[] = [
  'prop', 'app', 'appResp', 'vote', 'voteResp', 'preVote', 'preVoteResp', 'heartbeat',
  'heartbeatResp', 'readIndex', 'readIndexResp', 'timeoutNow', 'transferLeader',
];

function sample(type: MessageType, i: number): Message {
  return {
    type,
    from: 'r1',
    to: 'réplica-2',
    term: 2 ** 40 + i,
    logTerm: i,
    index: 2 ** 52 + i,
    entries: i % 2 === 0 ? [] : [
      { index: 10, term: 3, type: 'conf', data: Uint8Array.from([0, 255, i]) },
      { index: 11, term: 3, type: 'normal', data: new Uint8Array(0) },
    ],
    commit: i * 3,
    reject: i % 3 === 0,
    rejectHint: i,
    context: i % 2 === 0 ? new Uint8Array(0) : Uint8Array.from([i, i]),
  };
}

function roundTrip(envelope: RaftEnvelope): RaftEnvelope__Output {
  const method = raftProto().RaftService.service.Send;
  const bytes = method.requestSerialize(envelope);
  return method.requestDeserialize(bytes);
}

/** Buffers off the wire and Uint8Arrays compare equal once both are plain number arrays. */
function asPlain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(asPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asPlain(v)]));
  }
  return value;
}

describe('transport codec', () => {
  it('round-trips every message type through the real protobuf encoding', () => {
    const messages = TYPES.map(sample);
    const wire = roundTrip({ clusterId: 'c', from: 'r1', messages: messages.map(encodeMessage) });
    expect(wire.messages).toHaveLength(messages.length);
    wire.messages.forEach((w, i) => {
      const decoded = decodeMessage(w);
      if (!decoded.ok) throw new Error(decoded.problem);
      expect(asPlain(decoded.value)).toEqual(asPlain(messages[i] as Message));
    });
  });

  it('estimates an upper bound of the encoded size', () => {
    for (const [i, type] of TYPES.entries()) {
      const m = sample(type, i);
      const exact = raftProto().RaftService.service.Send.requestSerialize({ messages: [encodeMessage(m)] }).byteLength;
      expect(estimateMessageBytes(m)).toBeGreaterThanOrEqual(exact);
    }
  });

  it('completes a snap message only with its data, and refuses unknown types', () => {
    const meta = { index: 9, term: 2, conf: { voters: ['a'], learners: ['b'] } };
    const snap: Message = { ...sample('heartbeat', 0), type: 'snap', snapshot: { meta, data: new Uint8Array([1]) } };
    const [wire] = roundTrip({ messages: [encodeMessage(snap)] }).messages;
    if (wire === undefined) throw new Error('missing');
    expect(decodeMessage(wire).ok).toBe(false);
    const withData = decodeMessage(wire, Uint8Array.from([4, 5]));
    expect(withData.ok && withData.value.snapshot).toEqual({ meta, data: Uint8Array.from([4, 5]) });

    const unknown = decodeMessage({ ...wire, type: 'RAFT_MESSAGE_TYPE_UNSPECIFIED' });
    expect(unknown.ok || unknown.problem).toContain('unknown message type');
  });
});
