// Realistic lake input for benches: scenario records run through the real OCSF mappers, as
// normalize would publish them (raw_data, unmapped, observables and all). Bench-only: the
// adapter itself never imports the scenario generator or the mappers.
import { deterministicId } from '@soc/contracts';
import type { StoredEvent } from '@soc/eventstore';
import { mapperFor } from '@soc/ocsf';
import { generateScenario } from '@soc/scenario';

/**
 * At least `n` mapped events of one scenario (seeded, so runs are reproducible), cycled with
 * fresh ids and shifted times when the scenario holds fewer. Unmappable records are skipped.
 */
export function realisticEvents(tenantId: string, n: number, seed = 7): StoredEvent[] {
  const base: StoredEvent[] = [];
  const hours = Math.max(1, Math.min(24, Math.ceil(n / 4000)));
  const { records } = generateScenario({ seed, start: new Date(Date.UTC(2026, 0, 1)), hours, users: 200 });
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r) continue;
    const eventUid = deterministicId('bench', `${seed}-${i}`);
    const res = mapperFor(r.source).map(r.record, { tenantId, eventUid, receivedAt: r.time });
    if (!res.ok) continue;
    base.push({ id: eventUid, tenantId, time: res.event.time, classUid: res.event.class_uid, source: r.source, event: res.event });
  }
  if (base.length === 0) throw new Error('scenario produced no mappable records');
  const span = (base[base.length - 1]?.time ?? 0) - (base[0]?.time ?? 0) + 1000;
  const out: StoredEvent[] = [];
  for (let i = 0; i < n; i++) {
    const b = base[i % base.length] as StoredEvent;
    const lap = Math.floor(i / base.length);
    if (lap === 0) out.push(b);
    else {
      const time = b.time + lap * span;
      out.push({ ...b, id: `${b.id}-${lap}`, time, event: { ...b.event, time } });
    }
  }
  return out;
}
