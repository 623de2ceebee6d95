import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { tenantIdColumn, timestampMs } from './columns';

/**
 * Cases: fusion writes the grouping columns, analysts the status, owner and SLA (migration 0006);
 * `mergedInto` names the case a fusion merge absorbed this one into (migration 0007);
 * a case alert's `sourceAlertIds` are the stored alerts dedupe folded into it (migration 0010).
 */
export const cases = pgTable(
  'cases',
  {
    tenantId: tenantIdColumn(),
    id: text('id').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull(),
    severity: text('severity').notNull(),
    severityRank: smallint('severity_rank').notNull(),
    severityReasons: text('severity_reasons').array().notNull(),
    owner: text('owner'),
    slaDueAt: timestampMs('sla_due_at'),
    tactics: text('tactics').array().notNull(),
    techniques: text('techniques').array().notNull(),
    firstSeen: timestampMs('first_seen').notNull(),
    lastSeen: timestampMs('last_seen').notNull(),
    alertCount: integer('alert_count').notNull(),
    entities: jsonb('entities').notNull(),
    snapshotAt: timestampMs('snapshot_at').notNull(),
    createdAt: timestampMs('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestampMs('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    mergedInto: text('merged_into'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** The alerts of a case and why each joined; never deleted, never moved to another case. */
export const caseAlerts = pgTable(
  'case_alerts',
  {
    tenantId: tenantIdColumn(),
    caseId: text('case_id').notNull(),
    alertId: text('alert_id').notNull(),
    ruleId: text('rule_id').notNull(),
    ruleTitle: text('rule_title').notNull(),
    level: text('level').notNull(),
    count: integer('count').notNull(),
    firstSeen: timestampMs('first_seen').notNull(),
    lastSeen: timestampMs('last_seen').notNull(),
    joinedAt: timestampMs('joined_at').notNull(),
    reason: jsonb('reason').notNull(),
    sourceAlertIds: text('source_alert_ids').array().notNull().default(sql`'{}'`),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.caseId, t.alertId] })],
);

/** Analyst notes on a case, append-only. */
export const caseNotes = pgTable(
  'case_notes',
  {
    tenantId: tenantIdColumn(),
    id: text('id').notNull(),
    caseId: text('case_id').notNull(),
    author: text('author').notNull(),
    body: text('body').notNull(),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
