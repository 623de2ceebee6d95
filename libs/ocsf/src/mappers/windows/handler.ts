import type { WinRecord } from './record';

/** What a per-EventID handler decides; the mapper adds time, metadata, raw_data and unmapped. */
export interface Mapped {
  classUid: number;
  activityId: number;
  activityName?: string;
  attributes: Record<string, unknown>;
}

/** Maps one recognised Windows event, or returns `undefined` to fall back to the base event. */
export type Handler = (rec: WinRecord) => Mapped | undefined;
