/**
 * Writes output lines in blocks (one write per ~64 KiB, not per line) and lets the caller
 * wait for the stream to drain between files, so a slow consumer bounds memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const BLOCK_CHARS = 64 * 1024;

/** Buffered line output over a Writable. */
export class LineWriter {
  private buf = '';

  constructor(private readonly out: Writable) {}

  /** Appends one line (without its newline). */
  line(text: string): void {
    this.buf += text + '\n';
    if (this.buf.length >= BLOCK_CHARS) this.flushBlock();
  }

  /** Writes what is buffered and waits until the stream accepts more. */
  async drain(): Promise<void> {
    this.flushBlock();
    // Ask the stream, not the last write's result: 'drain' may already have fired (stdout on a
    // pipe writes synchronously), and waiting for it again would wait forever.
    if (this.out.writableNeedDrain && !this.out.destroyed) {
      await Promise.race([once(this.out, 'drain'), once(this.out, 'close')]);
    }
  }

  private flushBlock(): void {
    if (this.buf.length === 0) return;
    this.out.write(this.buf);
    this.buf = '';
  }
}
