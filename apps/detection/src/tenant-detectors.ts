import type { Clock } from '@soc/contracts';
import type { Logger } from '@soc/logging';
import { type CorrelationLimits, type CorrelationSnapshot, type FieldMapping, SigmaDetector, parseSigmaYaml } from '@soc/sigma';
import type { ExceptionMatcher } from './exceptions';
import { compileException } from './filter-exception';
import { alertRuleOf } from './alert-inputs';
import type { AlertRule } from './finding';
import type { DetectionRuleSource, RuleDocument } from './rule-source';

/** One tenant's compiled rules, exceptions and correlation state. */
export interface TenantDetector {
  readonly version: string;
  readonly detector: SigmaDetector;
  readonly exceptions: readonly ExceptionMatcher[];
  /** Alert metadata by rule id (and by correlation ref). */
  readonly rules: ReadonlyMap<string, AlertRule>;
  /** Rules that failed to compile, by message: visible in logs and metrics, never silent. */
  readonly problems: number;
}

/** Options of {@link TenantDetectors}. */
export interface TenantDetectorsOptions {
  source: DetectionRuleSource;
  /** Mapping of the native view (Windows records as written), and of the OCSF view. */
  nativeMapping: FieldMapping;
  ocsfMapping: FieldMapping;
  clock: Clock;
  log: Logger;
  /** How long a tenant's version is trusted before asking the source again. */
  refreshMs: number;
  /**
   * Correlation bounds. Sources deliver out of order (a CloudTrail or syslog batch can arrive
   * minutes after the Windows events of the same minute), so the service allows more lateness
   * than the engine's 60 s default.
   */
  correlationLimits?: Partial<CorrelationLimits>;
}

/**
 * Compiled detectors per tenant, rebuilt when the tenant's rules change. Correlation state
 * carries over a rebuild (groups of correlations that still exist continue), and snapshots of
 * every tenant are what the service persists.
 */
export class TenantDetectors {
  private readonly byTenant = new Map<string, { d: TenantDetector; checkedAt: number }>();
  private readonly pendingRestore = new Map<string, CorrelationSnapshot>();

  constructor(private readonly opts: TenantDetectorsOptions) {}

  /** The tenant's detector, rebuilt first if its rules changed since the last check. */
  async get(tenantId: string): Promise<TenantDetector> {
    const now = this.opts.clock.now();
    const known = this.byTenant.get(tenantId);
    if (known && now - known.checkedAt < this.opts.refreshMs) return known.d;
    const version = await this.opts.source.version(tenantId);
    if (known && known.d.version === version) {
      known.checkedAt = now;
      return known.d;
    }
    const pack = await this.opts.source.load(tenantId);
    const d = this.build(tenantId, pack.version, pack.documents, pack.exceptions.map((e) => compileException(e, this.opts.nativeMapping, this.opts.ocsfMapping)));
    const carried = known?.d.detector.snapshot() ?? this.pendingRestore.get(tenantId);
    this.pendingRestore.delete(tenantId);
    if (carried) d.detector.restore(carried);
    this.byTenant.set(tenantId, { d, checkedAt: now });
    return d;
  }

  /** Correlation state of every tenant, for persistence. */
  snapshot(): Record<string, CorrelationSnapshot> {
    const out: Record<string, CorrelationSnapshot> = {};
    for (const [tenant, { d }] of this.byTenant) out[tenant] = d.detector.snapshot();
    for (const [tenant, s] of this.pendingRestore) out[tenant] ??= s;
    return out;
  }

  /** State saved by an earlier run; applied when each tenant's detector is first built. */
  restore(state: Record<string, CorrelationSnapshot>): void {
    for (const [tenant, s] of Object.entries(state)) this.pendingRestore.set(tenant, s);
  }

  /** Every built detector (to advance correlation time when events stop). */
  all(): [tenantId: string, detector: TenantDetector][] {
    return [...this.byTenant.entries()].map(([tenant, x]) => [tenant, x.d]);
  }

  private build(tenantId: string, version: string, documents: readonly RuleDocument[], exceptions: ExceptionMatcher[]): TenantDetector {
    const parsed = documents.map((doc) => ({ doc, docs: parseSigmaYaml(doc.text, doc.file) }));
    const { detector, problems } = SigmaDetector.build(
      parsed.map((p) => p.docs),
      { primary: this.opts.nativeMapping, secondary: this.opts.ocsfMapping, ...(this.opts.correlationLimits ? { correlationLimits: this.opts.correlationLimits } : {}) },
    );
    const rules = new Map<string, AlertRule>();
    for (const { doc, docs } of parsed) {
      for (const r of docs.rules) rules.set(r.id ?? r.title, alertRuleOf(r, doc.origin, doc.version, r.title));
    }
    for (const c of detector.correlationRules) {
      const doc = parsed.find((p) => p.doc.file === c.file)?.doc ?? { file: c.file ?? '', text: '', origin: 'custom' };
      rules.set(c.ref, alertRuleOf(c, doc.origin, doc.version, c.ref));
    }
    for (const err of problems.errors) this.opts.log.warn({ tenantId, err: { code: err.code, message: err.message } }, 'rule not loaded');
    return { version, detector, exceptions, rules, problems: problems.errors.length };
  }
}
