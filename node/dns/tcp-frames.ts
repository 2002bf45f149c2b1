// DNS over TCP frames each message with its length in two bytes (RFC 1035 4.2.2, RFC 7766). This
// splits a byte stream into messages, holding at most one partial frame.

/** The smallest DNS message: its header. */
const MIN_FRAME_BYTES = 12;

export class TcpFrames {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxFrameBytes: number) {}

  /**
   * The messages `chunk` completes, in order; undefined when the stream cannot be DNS (a frame
   * shorter than a header or longer than maxFrameBytes), and the connection should be closed.
   */
  push(chunk: Buffer): Buffer[] | undefined {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Buffer[] = [];
    while (this.pending.length >= 2) {
      const len = this.pending.readUInt16BE(0);
      if (len < MIN_FRAME_BYTES || len > this.maxFrameBytes) return undefined;
      if (this.pending.length < 2 + len) break;
      frames.push(this.pending.subarray(2, 2 + len));
      this.pending = this.pending.subarray(2 + len);
    }
    return frames;
  }
}

/** `message` with its two length bytes. */
export function framed(message: Buffer): Buffer {
  const len = Buffer.alloc(2);
  len.writeUInt16BE(message.length);
  return Buffer.concat([len, message]);
}
