import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** A batch of lines ready to post, with where it came from. */
export interface LineBatch {
  body: string;
  lines: number;
  firstLine: number;
}

const AUDIT_SERIAL = /msg=audit\(\d+(?:\.\d+)?:(\d+)\)/;

/**
 * Reads a file (optionally .gz) line by line and yields batches of at most `maxLines` lines.
 * For auditd text, a batch never ends in the middle of one serial: the records of one
 * audit event must arrive in the same request to be joined.
 */
export async function* lineBatches(path: string, maxLines: number, keepAuditSerials: boolean): AsyncGenerator<LineBatch> {
  const input = createReadStream(path);
  const stream = path.endsWith('.gz') ? input.pipe(createGunzip()) : input;
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let buf: string[] = [];
  let first = 1;
  let lineNo = 0;
  let lastSerial: string | undefined;
  for await (const line of rl) {
    lineNo++;
    const serial = keepAuditSerials ? AUDIT_SERIAL.exec(line)?.[1] : undefined;
    if (buf.length >= maxLines && (serial === undefined || serial !== lastSerial)) {
      yield { body: buf.join('\n'), lines: buf.length, firstLine: first };
      buf = [];
      first = lineNo;
    }
    if (line.length > 0) buf.push(line);
    lastSerial = serial;
  }
  if (buf.length > 0) yield { body: buf.join('\n'), lines: buf.length, firstLine: first };
}
