import { createHash } from 'node:crypto';

/** `prev_hash` of a tenant's first audit record. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The fields one audit record's hash covers, as stored. */
export interface AuditHashInput {
  readonly seq: number;
  readonly id: string;
  readonly tenantId: string;
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly reason: string | null;
  /** jsonb's text rendering of `details` (`details::text`): keys sorted, so canonical. */
  readonly detailsText: string;
  readonly at: Date;
  readonly prevHash: string;
}

const field = (v: string): string => `${Buffer.byteLength(v, 'utf8')}:${v}|`;

/**
 * The canonical text of migration 0005's `soc_audit_hash`, rebuilt here so verification does
 * not trust the database's own function. Each field is framed by its UTF-8 length, so no
 * value can imitate a separator.
 */
export function auditCanonicalText(r: AuditHashInput): string {
  return (
    `soc.audit.v1|${r.seq}|` +
    field(r.id) +
    field(r.tenantId) +
    field(r.actor) +
    field(r.action) +
    field(r.targetType) +
    field(r.targetId) +
    (r.reason === null ? '~|' : field(r.reason)) +
    field(r.detailsText) +
    `${r.at.toISOString()}|${r.prevHash}`
  );
}

/** SHA-256 (hex) of the canonical text: what `hash` must hold. */
export function auditHash(r: AuditHashInput): string {
  return createHash('sha256').update(auditCanonicalText(r), 'utf8').digest('hex');
}

/** Why a link is broken: the row's content, its link to the predecessor, or a missing number. */
export type AuditChainBreak = 'hash-mismatch' | 'prev-mismatch' | 'seq-gap';

/** Outcome of `verifyChain`: `checked` counts the records read up to and including a break. */
export type AuditChainReport =
  | { readonly ok: true; readonly checked: number; readonly lastSeq: number; readonly lastHash: string }
  | { readonly ok: false; readonly checked: number; readonly brokenAt: { readonly seq: number; readonly id: string; readonly reason: AuditChainBreak } };

/** A stored row as the verifier reads it. */
export interface StoredAuditLink extends AuditHashInput {
  readonly hash: string;
}

/**
 * Walks one tenant's chain in seq order, fed page by page. Each record must carry the next
 * seq, name the previous record's stored hash, and hash to its stored hash.
 */
export class AuditChainVerifier {
  private checked = 0;
  private expectedSeq = 1;
  private prevHash = AUDIT_GENESIS_HASH;
  private broken: { seq: number; id: string; reason: AuditChainBreak } | undefined;

  /** Feed the next rows; returns false once a break is found (further rows are ignored). */
  feed(rows: readonly StoredAuditLink[]): boolean {
    for (const r of rows) {
      if (this.broken) return false;
      this.checked++;
      const reason = this.check(r);
      if (reason) {
        this.broken = { seq: r.seq, id: r.id, reason };
        return false;
      }
      this.expectedSeq = r.seq + 1;
      this.prevHash = r.hash;
    }
    return true;
  }

  /** The verdict over everything fed so far. */
  report(): AuditChainReport {
    if (this.broken) return { ok: false, checked: this.checked, brokenAt: this.broken };
    return { ok: true, checked: this.checked, lastSeq: this.expectedSeq - 1, lastHash: this.prevHash };
  }

  private check(r: StoredAuditLink): AuditChainBreak | undefined {
    if (r.seq !== this.expectedSeq) return 'seq-gap';
    if (r.prevHash !== this.prevHash) return 'prev-mismatch';
    if (auditHash(r) !== r.hash) return 'hash-mismatch';
    return undefined;
  }
}
