/**
 * Every action the audit trail records, with what it means. `NewAuditEvent.action` takes only
 * these, so a new kind of record is added here first, and docs/audit.md (checked against this
 * catalog by a test) says what it means to an auditor.
 */
export const AUDIT_ACTIONS = {
  'alert.raised': 'Detection raised a new alert (details: kind, rule, level, evidence count, suppressing exception).',
  'case.opened': 'Fusion opened a case (details: severity, first alerts).',
  'case.updated': 'Fusion added alerts to a stored case or changed its severity (details: alerts added, severity and its previous value).',
  'case.reopened': 'Fusion reopened a closed case because new alerts joined it: resolved to investigating, false positive to triaged (details: from, to, alerts).',
  'case.merged': 'Fusion folded this case into another one an alert bridged it with (details: into).',
  'case.status.changed': 'A person moved the case along the status ladder (details: from, to; reason required).',
  'case.owner.changed': 'A person assigned or unassigned the case (details: from, to; reason required).',
  'case.sla.changed': 'A person set or cleared the SLA due time (details: from, to; reason required).',
  'case.note.added': 'A person added a note (details: note id and length, not the text).',
  'detection.rule.created': 'A rule import stored a new rule (details: version, SHA-256, origin, path, enabled).',
  'detection.rule.updated': 'A rule import stored a new version of a rule (details: version, SHA-256, origin, path).',
  'detection.rule.enabled': 'A person enabled a rule (details: version).',
  'detection.rule.disabled': 'A person disabled a rule (details: version).',
  'detection.exception.created': 'A person created a suppression exception on a rule (details: rule, field/op/values or filter, expiry; reason required).',
  'detection.exception.revoked': 'A person revoked a suppression exception (reason required).',
  'iam.key.created': 'An API key was created (details: name, prefix, scopes, role or user, expiry; never the secret).',
  'iam.key.revoked': 'An API key was revoked (details: prefix).',
  'iam.user.created': 'A user was created in the tenant (details: email, display name).',
  'iam.user.disabled': 'A user was disabled; their keys stop working.',
  'iam.role.granted': 'A role binding was granted to a user (details: role, binding id).',
  'iam.role.revoked': 'A role binding was revoked (details: role, binding id).',
  'iam.tenant.created': 'An MSSP parent created a child tenant (details: name, parent).',
  'iam.tenant.read_delegated': "A parent tenant's credential read this tenant's data (details: route; recorded in the child's chain).",
  'audit.exported': 'Someone exported the audit trail as NDJSON (details: the filter).',
} as const;

/** One recorded action. */
export type AuditAction = keyof typeof AUDIT_ACTIONS;
