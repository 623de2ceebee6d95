/**
 * Splits a TCP syslog stream into messages. RFC 6587 allows two framings and senders do not
 * announce which they use: octet counting (`<len> <msg>`) and newline-terminated. Each frame
 * is decided by its first bytes, as rsyslog and syslog-ng do.
 */
export class SyslogFramer {
  private buf: Buffer = Buffer.alloc(0);
  /** Bytes of an oversized octet-counted frame still to discard as they arrive. */
  private skipping = 0;

  constructor(private readonly maxMessageBytes: number) {}

  /** Feeds bytes; returns the complete messages and any frames refused for size. */
  push(chunk: Buffer): { messages: string[]; oversized: number } {
    if (this.skipping > 0) {
      const n = Math.min(this.skipping, chunk.length);
      this.skipping -= n;
      chunk = chunk.subarray(n);
    }
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const messages: string[] = [];
    let oversized = 0;
    for (;;) {
      const frame = this.nextFrame();
      if (frame === undefined) break;
      if (frame === null) {
        oversized++;
        continue;
      }
      const text = frame.toString('utf8').replace(/\r?\n$/, '');
      if (text.trim().length > 0) messages.push(text);
    }
    // A peer that never sends a delimiter must not grow the buffer without bound.
    if (this.buf.length > this.maxMessageBytes + 16) {
      this.buf = Buffer.alloc(0);
      oversized++;
    }
    return { messages, oversized };
  }

  /** The rest of the stream when the connection closes (a last line without newline). */
  end(): string[] {
    const rest = this.buf.toString('utf8').trim();
    this.buf = Buffer.alloc(0);
    return rest.length > 0 ? [rest] : [];
  }

  /** A frame, `null` for a frame skipped as oversized, `undefined` when more bytes are needed. */
  private nextFrame(): Buffer | null | undefined {
    if (this.buf.length === 0) return undefined;
    const first = this.buf[0] ?? 0;
    if (first >= 0x31 && first <= 0x39) {
      const space = this.buf.indexOf(0x20);
      if (space > 0 && space <= 10 && /^\d+$/.test(this.buf.subarray(0, space).toString('latin1'))) {
        const len = Number(this.buf.subarray(0, space).toString('latin1'));
        if (this.buf.length < space + 1 + len) return len > this.maxMessageBytes ? this.skip(space + 1 + len) : undefined;
        // (skip() discards an oversized frame's bytes as they arrive, across pushes.)
        const frame = this.buf.subarray(space + 1, space + 1 + len);
        this.buf = this.buf.subarray(space + 1 + len);
        return len > this.maxMessageBytes ? null : frame;
      }
    }
    const nl = this.buf.indexOf(0x0a);
    if (nl < 0) return undefined;
    const frame = this.buf.subarray(0, nl + 1);
    this.buf = this.buf.subarray(nl + 1);
    return frame.length > this.maxMessageBytes ? null : frame;
  }

  /** Drops an oversized octet-counted frame now, and its bytes still to come as they arrive. */
  private skip(total: number): null {
    this.skipping = Math.max(0, total - this.buf.length);
    this.buf = this.buf.subarray(Math.min(total, this.buf.length));
    return null;
  }
}
