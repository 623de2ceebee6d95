/** OCSF severity_id values (dictionary `severity_id`). */
export const SEVERITY = {
  Unknown: 0,
  Informational: 1,
  Low: 2,
  Medium: 3,
  High: 4,
  Critical: 5,
  Fatal: 6,
  Other: 99,
} as const;

/** One OCSF severity_id value. */
export type SeverityId = (typeof SEVERITY)[keyof typeof SEVERITY];

const CAPTIONS = new Map<number, string>(Object.entries(SEVERITY).map(([k, v]) => [v, k]));

const BY_TEXT: Record<string, SeverityId> = {
  info: 1, informational: 1, information: 1, debug: 1, trace: 1, notice: 1, verbose: 1, audit_success: 1,
  low: 2, warning: 2, warn: 2,
  medium: 3, moderate: 3, error: 3, err: 3, audit_failure: 3,
  high: 4, critical: 5, crit: 5, alert: 5, emergency: 6, emerg: 6, fatal: 6,
};

/** The caption of a severity id (`Unknown` for an id OCSF does not define). */
export function severityCaption(id: number): string {
  return CAPTIONS.get(id) ?? 'Unknown';
}

/** `{ severity_id, severity }` for a severity id. */
export function buildSeverity(id: SeverityId): { severity_id: SeverityId; severity: string } {
  return { severity_id: id, severity: severityCaption(id) };
}

/**
 * Maps a source severity word (syslog level, Windows level name, vendor label) to OCSF;
 * unknown words give Other (99) and keep the source word in `severity`.
 */
export function severityFromText(text: string | undefined): { severity_id: SeverityId; severity: string } {
  if (text === undefined || text.trim() === '') return buildSeverity(SEVERITY.Unknown);
  const id = BY_TEXT[text.trim().toLowerCase()];
  return id === undefined ? { severity_id: SEVERITY.Other, severity: text } : buildSeverity(id);
}
