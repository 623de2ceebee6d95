import type { SourceName } from '@soc/contracts';
import { mapperFor, type OcsfEvent } from '@soc/ocsf';
import { iterateScenario, type Label, type ScenarioOptions } from '@soc/scenario';

/** One scenario record after the real OCSF mapper ran on it, with its ground truth. */
export interface LabelledEvent {
  /** The mapped event without `raw_data` and `observables` (rules never read them; fixtures stay small). */
  event: OcsfEvent;
  source: SourceName;
  /** Present when the record belongs to an attack chain. */
  label?: Label;
}

/**
 * The scenario the fixtures and the detection report are built from: one full day (so rare
 * benign near-misses such as admin key rotations and newsletter inbox rules occur) with every
 * attack chain woven in. Changing it changes the committed fixtures.
 */
export const FIXTURE_SCENARIO: Readonly<ScenarioOptions> = Object.freeze({
  seed: 42,
  start: new Date(Date.UTC(2026, 0, 5, 0, 0, 0)),
  hours: 24,
  users: 40,
  chains: 'all' as const,
});

const TENANT = 'detection-fixtures';

/**
 * Generates the scenario and maps every record with the real mapper of its source.
 * `metadata.uid` is `<seed>-<index>` so two runs give identical events. Records a mapper
 * rejects are skipped (the scenario only emits mappable records, so none are expected).
 *
 * The result is sorted by OCSF `time` (stable). The generator emits records in record-time
 * order, but some OCSF times differ from it by minutes (a syslog or CloudTrail event time is
 * not when the record was written), so a correlation fed in generator order would see those
 * events as late. Sorting stands in for the reorder buffer a deployment puts in front of it.
 */
export function mappedScenario(options: ScenarioOptions = FIXTURE_SCENARIO): LabelledEvent[] {
  const out: LabelledEvent[] = [];
  let i = 0;
  for (const r of iterateScenario(options)) {
    const res = mapperFor(r.source).map(r.record, { tenantId: TENANT, eventUid: `${options.seed}-${i++}`, receivedAt: r.time });
    if (!res.ok) continue;
    const { raw_data: _raw, observables: _obs, ...event } = res.event;
    const e: LabelledEvent = { event: event as OcsfEvent, source: r.source };
    if (r.label) e.label = r.label;
    out.push(e);
  }
  return out.sort((a, b) => a.event.time - b.event.time);
}

/** Chain name of a label (`identity-42` -> `identity`). */
export function chainOf(label: Label): string {
  const dash = label.chainId.lastIndexOf('-');
  return dash < 0 ? label.chainId : label.chainId.slice(0, dash);
}
