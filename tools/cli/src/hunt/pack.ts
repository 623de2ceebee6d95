/**
 * The compiled rules of a hunt, built on `SigmaDetector` (the pack the detection service uses
 * too, so a rule behaves the same in both): one detector per mapping in use, and a router that
 * sends each event to the detector and view that read it.
 *
 * `--mapping auto` uses two detectors: Windows (native view) with OCSF (OCSF view) in one, so
 * their correlations see both kinds, and flat JSON in the other (without the Windows rules,
 * see flat-lane.ts). A correlation therefore never joins a flat-JSON event with a Windows or
 * OCSF one.
 */
import type { SocError } from '@soc/errors';
import {
  flatFieldMapping,
  ocsfFieldMapping,
  SigmaDetector,
  windowsFieldMapping,
  type DetectorOptions,
  type FieldMapping,
  type SigmaDocuments,
  type SigmaRule,
} from '@soc/sigma';
import type { MappingMode } from './args';
import { eventKind, type EventKind } from './event-kind';
import { flatLaneDocuments } from './flat-lane';

/** Where one kind of event goes: the detector and the view it evaluates the event as. */
export interface Lane {
  readonly detector: SigmaDetector;
  readonly view: 'native' | 'ocsf';
}

function errorKey(e: SocError): string {
  const d = e.details ?? {};
  return [e.code, d['file'], d['rule'], d['path'], d['reason']].map((x) => String(x ?? '')).join('\u0000');
}

function unique(errors: readonly SocError[]): SocError[] {
  const seen = new Map<string, SocError>();
  for (const e of errors) if (!seen.has(errorKey(e))) seen.set(errorKey(e), e);
  return [...seen.values()];
}

function buildDetector(documents: readonly SigmaDocuments[], opts: DetectorOptions, errors: SocError[]): SigmaDetector {
  const { detector, problems } = SigmaDetector.build(documents, opts);
  errors.push(...problems.errors);
  return detector;
}

/**
 * A hunt's detectors and what building them found. Under `auto` the flat-JSON detector is
 * built on the first flat event only: evtx and OCSF hunts never pay for compiling it.
 */
export class HuntPack {
  private readonly lanes = new Map<EventKind, Lane>();
  private readonly rawErrors: SocError[] = [];
  private readonly built: SigmaDetector[] = [];
  private readonly mappings: FieldMapping[] = [];
  private readonly single: Lane | undefined;
  /** Whether any detector runs correlations (events then need their time and location kept). */
  hasCorrelations = false;
  /** Under auto, once flat events came: rules not run on them because they match an empty event. */
  unanchoredOnFlat = 0;

  /** Compiles the documents for a mapping mode (the flat lane of `auto` waits for a flat event). */
  constructor(
    private readonly documents: readonly SigmaDocuments[],
    mode: MappingMode,
  ) {
    if (mode === 'windows') this.addLane(['windows'], { primary: windowsFieldMapping });
    // OCSF alone goes in as the primary (native) view: the detector reports compile errors of
    // its primary mapping only, and a single view needs no routing.
    else if (mode === 'ocsf') this.addLane(['ocsf'], { primary: ocsfFieldMapping }, 'native');
    else if (mode === 'flat') this.addLane(['flat'], { primary: flatFieldMapping });
    else this.addLane(['windows', 'ocsf'], { primary: windowsFieldMapping, secondary: ocsfFieldMapping });
    this.single = mode === 'auto' ? undefined : [...this.lanes.values()][0];
  }

  /** The lane for an event: by its shape under `auto`, always the same otherwise. */
  laneFor(event: Readonly<Record<string, unknown>>): Lane {
    if (this.single) return this.single;
    const kind = eventKind(event);
    const lane = this.lanes.get(kind);
    if (lane) return lane;
    const flat = flatLaneDocuments(this.documents);
    this.unanchoredOnFlat = flat.unanchored;
    this.addLane(['flat'], { primary: flatFieldMapping }, 'native', flat.documents);
    return this.lanes.get('flat') as Lane;
  }

  /** The detectors built so far. */
  get detectors(): readonly SigmaDetector[] {
    return this.built;
  }

  /** Compile and correlation errors so far, each rule once even when several detectors hit it. */
  get errors(): SocError[] {
    return unique(this.rawErrors);
  }

  /** Detection rules whose logsource no mapping in use (built so far) knows: they cannot fire. */
  notApplicable(): SigmaRule[] {
    const rules = this.documents.flatMap((d) => d.rules);
    return rules.filter((r) => this.mappings.every((m) => m.variants(r.logsource) === undefined));
  }

  private addLane(kinds: readonly EventKind[], opts: DetectorOptions, view?: 'native', documents = this.documents): void {
    const detector = buildDetector(documents, opts, this.rawErrors);
    this.built.push(detector);
    if (detector.correlationRules.length > 0) this.hasCorrelations = true;
    for (const m of [opts.primary, opts.secondary]) if (m) this.mappings.push(m);
    for (const kind of kinds) this.lanes.set(kind, { detector, view: view ?? (kind === 'ocsf' ? 'ocsf' : 'native') });
  }
}
