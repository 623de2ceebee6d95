import { MetricsRegistry } from './registry';

describe('MetricsRegistry', () => {
  it('counts per label set and renders the Prometheus text format', async () => {
    const m = new MetricsRegistry();
    const c = m.counter('soc_records_total', 'records');
    c.inc({ source: 'windows' }, 3);
    c.inc({ source: 'okta' });
    c.inc({ source: 'windows' });
    m.gauge('soc_lag', 'lag', () => 7);
    expect(c.get({ source: 'windows' })).toBe(4);
    expect(c.total()).toBe(5);
    const text = await m.render();
    expect(text).toContain('# TYPE soc_records_total counter');
    expect(text).toContain('soc_records_total{source="windows"} 4');
    expect(text).toContain('soc_lag 7');
    expect(m.counter('soc_records_total', 'again')).toBe(c);
  });

  it('escapes label values', async () => {
    const m = new MetricsRegistry();
    m.counter('x', 'x').inc({ reason: 'a"b\\c\nd' });
    expect(await m.render()).toContain('x{reason="a\\"b\\\\c\\nd"} 1');
  });
});
