import { crc32 } from './crc32';
import { FRAME_HEADER, decodePayload, encodeFrame, readFrame } from './record-codec';

const MAX = 1 << 20;

function decode(frame: Buffer): ReturnType<typeof decodePayload> {
  const r = readFrame(frame, 0, MAX);
  if (r.kind !== 'frame') throw new Error(`expected a frame, got ${r.kind}`);
  return decodePayload(frame, r.payloadStart, r.payloadLength, 7);
}

describe('record frames', () => {
  it('keeps the pre-header layout byte for byte when a record has no headers', () => {
    const frame = encodeFrame('k', '{"a":1}', 1000);
    // [len][crc][f64 time][u16 key length = 1, no flag]["k"]['{"a":1}']
    expect(frame.readUInt16LE(FRAME_HEADER + 8)).toBe(1);
    expect(frame.subarray(FRAME_HEADER + 11).toString('utf8')).toBe('{"a":1}');
    expect(decode(frame)).toEqual({ offset: 7, timestamp: 1000, key: 'k', value: '{"a":1}' });
  });

  it('round-trips headers with multi-byte text and the value after them', () => {
    const frame = encodeFrame('clé', '{"v":"ü"}', 5, { 'soc-lake': '1;2;3', note: 'ß' });
    expect(decode(frame)).toEqual({ offset: 7, timestamp: 5, key: 'clé', value: '{"v":"ü"}', headers: { 'soc-lake': '1;2;3', note: 'ß' } });
  });

  it('reports a frame whose headers length runs past the payload as corrupt', () => {
    const frame = encodeFrame('k', '{}', 5, { h: 'v' });
    const at = FRAME_HEADER + 10 + 1;
    frame.writeUInt32LE(1 << 20, at);
    // Re-sign so only the length is wrong, not the checksum.
    frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEADER)), 4);
    expect(readFrame(frame, 0, MAX)).toEqual({ kind: 'corrupt', reason: 'bad headers length' });
  });
});
