import { resolveFusionConfig } from './config';
import { EntityRarity } from './rarity';

const DAY = 24 * 3_600_000;

describe('EntityRarity', () => {
  const config = resolveFusionConfig({ rarityHalfLifeMs: DAY });
  const dc = { type: 'host', value: 'dc01' } as const;
  const fresh = { type: 'user', value: 'alice' } as const;

  it('gives a first sighting on an empty tenant full weight', () => {
    expect(new EntityRarity(config).weigh(fresh, 0)).toEqual({ weight: 1, alertFrequency: 0, share: 1 / 20 });
  });

  it('weighs an entity seen in half the alerts low and a rare one high', () => {
    const r = new EntityRarity(config);
    for (let i = 0; i < 60; i++) r.observe(i % 2 === 0 ? [dc, { type: 'user', value: `u${i}` }] : [{ type: 'user', value: `u${i}` }], 0);
    const w = r.weigh(dc, 0);
    expect(w.alertFrequency).toBe(30);
    // share = (30 + 1) / (60 + prior 20); weight = ln(share) / ln(0.05): about 0.32, well under the 0.6 join threshold.
    expect(w.weight).toBeCloseTo(Math.log(31 / 80) / Math.log(0.05), 12);
    expect(w.weight).toBeLessThan(0.35);
    expect(r.weigh({ type: 'user', value: 'u3' }, 0).weight).toBeGreaterThan(0.9);
    expect(r.weigh(fresh, 0).weight).toBe(1);
  });

  it('applies the type weight', () => {
    expect(new EntityRarity(config).weigh({ type: 'process', value: 'powershell.exe' }, 0).weight).toBeCloseTo(0.4, 10);
  });

  it('forgets with the half-life of clock time', () => {
    const r = new EntityRarity(config);
    for (let i = 0; i < 40; i++) r.observe([dc], 0);
    const before = r.weigh(dc, 0).weight;
    expect(r.weigh(dc, DAY).alertFrequency).toBeCloseTo(20, 10);
    r.sweep(30 * DAY);
    expect(r.size).toBe(0);
    expect(before).toBeCloseTo(Math.log(41 / 60) / Math.log(0.05), 12);
    expect(r.weigh(dc, 30 * DAY).weight).toBe(1);
  });
});
