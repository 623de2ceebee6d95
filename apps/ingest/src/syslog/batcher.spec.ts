import { createLogger } from '@soc/logging';
import { MetricsRegistry } from '@soc/metrics';
import type { IngestRequest, IngestService } from '../ingest-service';
import { SyslogBatcher } from './batcher';

/** An ingest stand-in whose bus is down for the first append: the batcher is what is tested. */
function flakyIngest(): { service: IngestService; bodies: string[] } {
  const bodies: string[] = [];
  let calls = 0;
  const service = {
    ingest: async (req: IngestRequest) => {
      if (calls++ === 0) throw new Error('bus unavailable');
      bodies.push(String(req.body));
      return { batchId: 'b', accepted: 0, rejected: 0, errors: [], errorsTruncated: false };
    },
  } as unknown as IngestService;
  return { service, bodies };
}

describe('SyslogBatcher', () => {
  const log = createLogger({ level: 'silent', name: 't' });

  it('keeps a batch whose append failed and appends it on the next flush, in order', async () => {
    const { service, bodies } = flakyIngest();
    const metrics = new MetricsRegistry();
    const b = new SyslogBatcher(service, { tenantId: 'acme', maxBatch: 100, flushMs: 60_000, maxPending: 100 }, log, metrics);
    b.add('<13>one', 'syslog-tcp');
    b.add('<13>two', 'syslog-tcp');
    await b.flush();
    expect(bodies).toEqual([]);
    expect(b.size).toBe(2);
    expect(metrics.counter('soc_syslog_flush_failures_total', '').total()).toBe(2);
    await b.flush();
    expect(bodies).toEqual(['<13>one\n<13>two']);
    expect(b.size).toBe(0);
  });

  it('drops (and counts) UDP messages when full, but takes forced TCP messages', async () => {
    const { service } = flakyIngest();
    const metrics = new MetricsRegistry();
    const b = new SyslogBatcher(service, { tenantId: 'acme', maxBatch: 100, flushMs: 60_000, maxPending: 1 }, log, metrics);
    expect(b.add('<13>a', 'syslog-udp')).toBe(true);
    expect(b.add('<13>b', 'syslog-udp')).toBe(false);
    expect(b.add('<13>c', 'syslog-tcp', true)).toBe(true);
    expect(b.size).toBe(2);
    expect(metrics.counter('soc_syslog_dropped_total', '').get({ channel: 'syslog-udp' })).toBe(1);
    await b.flush();
    await b.flush();
  });
});
