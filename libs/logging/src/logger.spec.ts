import { PassThrough } from 'node:stream';
import { createLogger } from './logger';

function capture(): { stream: PassThrough; lines: () => Record<string, unknown>[] } {
  const stream = new PassThrough();
  let buf = '';
  stream.on('data', (c: Buffer) => (buf += c.toString()));
  return { stream, lines: () => buf.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('redacts credentials wherever they appear in common shapes', async () => {
    const { stream, lines } = capture();
    const log = createLogger({ level: 'info', name: 'test', destination: stream });
    log.info({ req: { headers: { authorization: 'Bearer soc_abc_secret' } }, config: { apiKey: 'k1', SOC_BOOTSTRAP_API_KEY: 'k2' }, password: 'p' }, 'hello');
    await new Promise((r) => setImmediate(r));
    const text = JSON.stringify(lines());
    expect(text).not.toContain('soc_abc_secret');
    expect(text).not.toContain('"k1"');
    expect(text).not.toContain('"k2"');
    expect(text).not.toContain('"p"');
    expect(lines()[0]).toMatchObject({ level: 'info', name: 'test', msg: 'hello' });
  });
});
