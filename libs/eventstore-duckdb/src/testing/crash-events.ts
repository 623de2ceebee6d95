import type { StoredEvent } from '@soc/eventstore';

/** Events per append in the crash test. */
export const CRASH_BATCH = 200;
/** Tenant of the crash test's events. */
export const CRASH_TENANT = 'tenant-crash';
const T0 = Date.UTC(2026, 0, 1);

/** The deterministic batch starting at `offset`: a replay rebuilds exactly the same events. */
export function crashBatch(offset: number): StoredEvent[] {
  return Array.from({ length: CRASH_BATCH }, (_, k) => {
    const i = offset + k;
    const time = T0 + i * 10;
    return {
      id: `crash-${i}`, tenantId: CRASH_TENANT, time, classUid: 4001, source: 'zeek',
      event: { class_uid: 4001, time, severity_id: 1, src_endpoint: { ip: `10.0.${i % 256}.1` }, message: `flow ${i}`.padEnd(800, '.') },
    };
  });
}
