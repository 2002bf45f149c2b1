// Little binary writer and reader shared by the command, record and snapshot codecs. Integers
// are unsigned LEB128 varints up to Number.MAX_SAFE_INTEGER; strings and byte strings carry a
// varint length. A Buffer is used inside because its native UTF-8 write is the fastest way to
// put a string into bytes.

/** Thrown by ByteReader; each codec turns it into its own BerthError. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ByteWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes = 256) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initialBytes));
  }

  get length(): number {
    return this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  varint(n: number): void {
    this.ensure(8);
    // `& 0x7f` is exact for safe integers: ToInt32 keeps the low 32 bits.
    while (n > 0x7f) {
      this.buf[this.pos++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }

  u32be(n: number): void {
    this.ensure(4);
    this.buf.writeUInt32BE(n >>> 0, this.pos);
    this.pos += 4;
  }

  u64be(n: number): void {
    this.ensure(8);
    this.buf.writeBigUInt64BE(BigInt(n), this.pos);
    this.pos += 8;
  }

  raw(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.raw(b);
  }

  string(s: string): void {
    // Short ASCII strings (keys, mostly) are the common case: their byte length is their length.
    const n = s.length < 64 && isAscii(s) ? s.length : Buffer.byteLength(s, 'utf8');
    this.varint(n);
    this.ensure(n);
    this.pos += this.buf.write(s, this.pos, n, 'utf8');
  }

  /** The bytes written so far; they share memory with the writer, which must not be used again. */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) return false;
  }
  return true;
}

export class ByteReader {
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): void {
    if (n > this.end - this.pos) {
      throw new DecodeError(`truncated at byte ${this.pos} (needs ${n} more, has ${this.end - this.pos})`);
    }
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++] as number;
  }

  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      result += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (result > Number.MAX_SAFE_INTEGER) throw new DecodeError(`integer at byte ${this.pos} is too big`);
        return result;
      }
      scale *= 128;
    }
    throw new DecodeError(`integer at byte ${this.pos} is longer than 8 bytes`);
  }

  u32be(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (((b[p] as number) << 24) | ((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number)) >>> 0;
  }

  u64be(): number {
    const hi = this.u32be();
    const lo = this.u32be();
    const n = hi * 2 ** 32 + lo;
    if (n > Number.MAX_SAFE_INTEGER) throw new DecodeError(`integer at byte ${this.pos - 8} is too big`);
    return n;
  }

  /** A copy, so that the result does not keep the whole input alive. */
  raw(n: number): Uint8Array {
    this.need(n);
    // Not buf.slice: on a Buffer that is a view, not a copy.
    const out = new Uint8Array(n);
    out.set(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  bytes(): Uint8Array {
    return this.raw(this.varint());
  }

  string(): string {
    const n = this.varint();
    this.need(n);
    const start = this.pos;
    this.pos += n;
    if (n < 64) {
      let s = '';
      for (let i = start; i < this.pos; i++) {
        const c = this.buf[i] as number;
        if (c > 0x7f) return this.utf8(start);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return this.utf8(start);
  }

  private utf8(start: number): string {
    try {
      return utf8.decode(this.buf.subarray(start, this.pos));
    } catch {
      throw new DecodeError(`invalid UTF-8 in the string at byte ${start}`);
    }
  }
}
