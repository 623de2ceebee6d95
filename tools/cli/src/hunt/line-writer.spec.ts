import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { LineWriter } from './line-writer';

/**
 * A Writable that completes writes later, as process.stdout does when a pipe is full: a big
 * write returns false and 'drain' follows on its own.
 */
function asyncSink(): { stream: Writable; text: () => string } {
  const parts: string[] = [];
  const stream = new Writable({
    highWaterMark: 16 * 1024, // as process.stdout's; the default differs between Node versions
    decodeStrings: false,
    write(chunk: string, _enc, cb) {
      parts.push(chunk);
      setImmediate(cb);
    },
  });
  return { stream, text: () => parts.join('') };
}

describe('LineWriter', () => {
  it('writes lines in order, in blocks', async () => {
    const { stream, text } = asyncSink();
    const w = new LineWriter(stream);
    for (let i = 0; i < 5000; i++) w.line(`{"i":${i}}`);
    await w.drain();
    expect(text().split('\n').slice(0, -1)).toEqual(Array.from({ length: 5000 }, (_, i) => `{"i":${i}}`));
  });

  it('does not wait for a drain that already happened (a block flushed earlier, then a small tail)', async () => {
    const { stream, text } = asyncSink();
    const w = new LineWriter(stream);
    w.line('x'.repeat(70 * 1024)); // over the block size: written now, over the stream's highWaterMark
    await sleep(20); // the stream emits 'drain' here, before anyone waits for it
    w.line('tail');
    const settled = await Promise.race([w.drain().then(() => 'drained'), sleep(200).then(() => 'stuck')]);
    expect(settled).toBe('drained');
    expect(text().endsWith('\ntail\n')).toBe(true);
  });
});
