/**
 * The compiled rules of a hunt, built on `SigmaDetector` (the pack the detection service uses
 * too, so a rule behaves the same in both): one detector per mapping in use, and a router that
 * sends each event to the detector and view that read it.
 *
 * `--mapping auto` builds two detectors: Windows (native view) with OCSF (OCSF view) in one,
 * so their correlations see both kinds, and flat JSON in the other. A correlation therefore
 * never joins a flat-JSON event with a Windows or OCSF one.
 */
import { isSocError, type SocError } from '@soc/errors';
import {
  flatFieldMapping,
  ocsfFieldMapping,
  SigmaDetector,
  SOC_ERR_SIGMA_CORRELATION_INVALID,
  windowsFieldMapping,
  type DetectorOptions,
  type SigmaDocuments,
  type SigmaRule,
} from '@soc/sigma';
import type { MappingMode } from './args';
import { eventKind, type EventKind } from './event-kind';

/** Where one kind of event goes. */
export interface Lane {
  readonly detector: SigmaDetector;
  readonly view: 'native' | 'ocsf';
}

/** A hunt's detectors and what building them found. */
export interface HuntPack {
  /** The lane for an event (by its shape under `auto`, always the same otherwise). */
  laneFor(event: Readonly<Record<string, unknown>>): Lane;
  readonly detectors: readonly SigmaDetector[];
  /** Compile and correlation errors, each rule once even when several detectors hit it. */
  readonly errors: readonly SocError[];
  /** Detection rules no mapping in use knows the logsource of. */
  readonly notApplicable: readonly SigmaRule[];
  readonly hasCorrelations: boolean;
}

function errorKey(e: SocError): string {
  const d = e.details ?? {};
  return [e.code, d['file'], d['rule'], d['path'], d['reason']].map((x) => String(x ?? '')).join('\u0000');
}

function withoutCorrelation(docs: readonly SigmaDocuments[], rule: unknown, file: unknown): SigmaDocuments[] {
  return docs.map((d) => ({ ...d, correlations: d.correlations.filter((c) => !((c.id ?? c.title) === rule && (file === undefined || c.file === file))) }));
}

/**
 * SigmaDetector.build, except that a correlation whose references cannot be resolved (unknown
 * rule, cycle, duplicate id) is reported and left out instead of failing the whole pack.
 */
function buildDetector(documents: readonly SigmaDocuments[], opts: DetectorOptions, errors: SocError[]): { detector: SigmaDetector; notApplicable: SigmaRule[] } {
  let docs = [...documents];
  const limit = docs.reduce((n, d) => n + d.correlations.length, 0);
  for (let attempt = 0; ; attempt++) {
    try {
      const { detector, problems } = SigmaDetector.build(docs, opts);
      errors.push(...problems.errors);
      return { detector, notApplicable: problems.notApplicable };
    } catch (e) {
      if (!isSocError(e, SOC_ERR_SIGMA_CORRELATION_INVALID) || attempt >= limit) throw e;
      errors.push(e);
      const next = withoutCorrelation(docs, e.details?.['rule'], e.details?.['file']);
      const left = next.reduce((n, d) => n + d.correlations.length, 0);
      // The error did not name a correlation we can drop: drop them all rather than loop.
      docs = left === docs.reduce((n, d) => n + d.correlations.length, 0) ? next.map((d) => ({ ...d, correlations: [] })) : next;
    }
  }
}

function unique(errors: readonly SocError[]): SocError[] {
  const seen = new Map<string, SocError>();
  for (const e of errors) if (!seen.has(errorKey(e))) seen.set(errorKey(e), e);
  return [...seen.values()];
}

/** Compiles the documents for a mapping mode. */
export function buildHuntPack(documents: readonly SigmaDocuments[], mode: MappingMode): HuntPack {
  const errors: SocError[] = [];
  const build = (opts: DetectorOptions) => buildDetector(documents, opts, errors);
  const lanes = new Map<EventKind, Lane>();
  const built: { detector: SigmaDetector; notApplicable: SigmaRule[] }[] = [];
  if (mode === 'windows' || mode === 'auto') {
    const b = mode === 'auto' ? build({ primary: windowsFieldMapping, secondary: ocsfFieldMapping }) : build({ primary: windowsFieldMapping });
    built.push(b);
    lanes.set('windows', { detector: b.detector, view: 'native' });
    if (mode === 'auto') lanes.set('ocsf', { detector: b.detector, view: 'ocsf' });
  }
  if (mode === 'ocsf') {
    const b = build({ secondary: ocsfFieldMapping });
    built.push(b);
    lanes.set('ocsf', { detector: b.detector, view: 'ocsf' });
  }
  if (mode === 'flat' || mode === 'auto') {
    const b = build({ primary: flatFieldMapping });
    built.push(b);
    lanes.set('flat', { detector: b.detector, view: 'native' });
  }
  const only = built.length === 1 ? [...lanes.values()][0] : undefined;
  const laneFor = only ? () => only : (e: Readonly<Record<string, unknown>>) => lanes.get(eventKind(e)) as Lane;
  const inAll = (r: SigmaRule) => built.every((b) => b.notApplicable.includes(r));
  const notApplicable = (built[0]?.notApplicable ?? []).filter(inAll);
  const detectors = built.map((b) => b.detector);
  return { laneFor, detectors, errors: unique(errors), notApplicable, hasCorrelations: detectors.some((d) => d.correlationRules.length > 0) };
}
