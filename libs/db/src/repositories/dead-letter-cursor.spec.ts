import { decodeDeadLetterCursor, encodeDeadLetterCursor } from './dead-letter-cursor';

describe('dead letter cursor', () => {
  it('round-trips', () => {
    const c = { createdAtMs: Date.UTC(2026, 0, 1, 12), id: 'abc_123' };
    expect(decodeDeadLetterCursor(encodeDeadLetterCursor(c))).toEqual(c);
  });

  it.each(['', 'x', Buffer.from('[1]').toString('base64url'), Buffer.from('["1","a"]').toString('base64url'), Buffer.from('[1.5,"a"]').toString('base64url'), Buffer.from('[1,""]').toString('base64url'), Buffer.from('["alerts",1,"a"]').toString('base64url')])(
    'rejects %p with SOC_ERR_CURSOR_INVALID',
    (bad) => {
      expect(() => decodeDeadLetterCursor(bad)).toThrow(expect.objectContaining({ code: 'SOC_ERR_CURSOR_INVALID', httpStatus: 400 }));
    },
  );
});
