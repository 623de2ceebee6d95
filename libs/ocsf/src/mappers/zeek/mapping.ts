/** What one Zeek log mapping decided; the mapper adds time, metadata, raw_data and unmapped. */
export interface ZeekMapping {
  classUid: number;
  activityId: number;
  activityName?: string;
  attributes: Record<string, unknown>;
  /** Record keys placed in OCSF attributes (everything else goes to `unmapped`). */
  consumed: readonly string[];
}
