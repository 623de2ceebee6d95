import type { SeverityId } from '../../build/severity';

/** What one auditd classification decided; the mapper adds time, metadata, device, raw_data, unmapped. */
export interface AuditdMapping {
  classUid: number;
  activityId: number;
  activityName?: string;
  severityId?: SeverityId;
  attributes: Record<string, unknown>;
}
