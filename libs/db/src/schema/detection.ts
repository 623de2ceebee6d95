import { bigint, boolean, integer, jsonb, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { tenantIdColumn, timestampMs } from './columns';

/**
 * Detection rules of a tenant: the current version's metadata. The YAML of every version lives
 * in `detectionRuleVersions`; `version` and `sha256` here name the current one.
 */
export const detectionRules = pgTable(
  'detection_rules',
  {
    tenantId: tenantIdColumn(),
    ruleId: text('rule_id').notNull(),
    name: text('name'),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    level: text('level'),
    status: text('status'),
    origin: text('origin').notNull(),
    kind: text('kind').notNull(),
    logsource: jsonb('logsource').notNull(),
    tags: text('tags').array().notNull(),
    author: text('author'),
    sourcePath: text('source_path'),
    sha256: text('sha256').notNull(),
    enabled: boolean('enabled').notNull(),
    createdAt: timestampMs('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestampMs('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.ruleId] })],
);

/** Every version of every rule, append-only: the runtime role may only insert and read. */
export const detectionRuleVersions = pgTable(
  'detection_rule_versions',
  {
    tenantId: tenantIdColumn(),
    ruleId: text('rule_id').notNull(),
    version: integer('version').notNull(),
    yaml: text('yaml').notNull(),
    sha256: text('sha256').notNull(),
    sourcePath: text('source_path'),
    createdAt: timestampMs('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.ruleId, t.version] })],
);

/** Suppressions: a field condition or a Sigma filter, for one rule or (ruleId null) all. Revoked, never deleted. */
export const detectionExceptions = pgTable('detection_exceptions', {
  id: text('id').primaryKey(),
  tenantId: tenantIdColumn(),
  ruleId: text('rule_id'),
  field: text('field'),
  op: text('op'),
  values: text('match_values').array(),
  filterYaml: text('filter_yaml'),
  reason: text('reason').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestampMs('created_at').notNull(),
  expiresAt: timestampMs('expires_at'),
  revokedAt: timestampMs('revoked_at'),
  revokedBy: text('revoked_by'),
  revokeReason: text('revoke_reason'),
});

/** Alerts produced by detection; the id is the producer's deterministic id. */
export const alerts = pgTable(
  'alerts',
  {
    tenantId: tenantIdColumn(),
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    ruleId: text('rule_id').notNull(),
    ruleVersion: text('rule_version'),
    origin: text('origin'),
    author: text('author'),
    title: text('title').notNull(),
    level: text('level').notNull(),
    severityId: smallint('severity_id').notNull(),
    time: timestampMs('time').notNull(),
    firstSeen: timestampMs('first_seen').notNull(),
    lastSeen: timestampMs('last_seen').notNull(),
    count: integer('count').notNull(),
    techniques: text('techniques').array().notNull(),
    tactics: text('tactics').array().notNull(),
    entities: jsonb('entities').notNull(),
    evidence: jsonb('evidence').notNull(),
    evidenceEventIds: text('evidence_event_ids').array().notNull(),
    finding: jsonb('finding').notNull(),
    suppressedBy: text('suppressed_by'),
    status: text('status').notNull(),
    createdAt: timestampMs('created_at').notNull(),
    updatedAt: timestampMs('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Append-only audit trail; a trigger assigns `seq` (gapless per tenant) and links each row into the tenant's hash chain. */
export const auditEvents = pgTable('audit_events', {
  id: text('id').primaryKey(),
  tenantId: tenantIdColumn(),
  // The trigger overwrites whatever is sent; the default only satisfies the insert type.
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id').notNull(),
  reason: text('reason'),
  details: jsonb('details').notNull(),
  at: timestampMs('at').notNull(),
  // Set by the same trigger (migration 0005); defaults only satisfy the insert type.
  prevHash: text('prev_hash').notNull().default(''),
  hash: text('hash').notNull().default(''),
});
