import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { FastSchemaCompiler } from './build/fast-validator';
import type { Check } from './build/fast-validator';
import { invalidEventError } from './errors';
import { readOcsfArtifact } from './schema-artifacts';

/** Result of validating one event against the compiled OCSF schema. */
export type OcsfValidation = { valid: true } | { valid: false; errors: string[] };

interface CompiledDocument {
  $id: string;
  $defs: Record<string, unknown>;
}

let ajv: Ajv | undefined;
let doc: CompiledDocument | undefined;
let schemaId = '';
let classUids: Set<number> | undefined;
let fast: FastSchemaCompiler | undefined;
const validators = new Map<number, ValidateFunction>();
/** One shared result for the common case: validation runs on every event and need not allocate. */
const VALID: OcsfValidation = Object.freeze({ valid: true });
const fastChecks = new Map<number, Check>();

function schemaDocument(): CompiledDocument {
  if (doc) return doc;
  doc = readOcsfArtifact('schema') as CompiledDocument;
  schemaId = doc.$id;
  classUids = new Set(
    Object.keys(doc.$defs)
      .filter((k) => k.startsWith('class_'))
      .map((k) => Number(k.slice('class_'.length))),
  );
  return doc;
}

function engine(): Ajv {
  if (ajv) return ajv;
  const doc = schemaDocument();
  // ajv only explains events the fast check rejected, so it is compiled on the first
  // rejection. allErrors off: the first problem per event is reported; the schema's long
  // OCSF regexes are plain ECMAScript, so no unicode flag is needed.
  const instance = new Ajv({ strict: true, strictRequired: false, allErrors: false, unicodeRegExp: false, code: { optimize: true } });
  instance.addSchema(doc);
  ajv = instance;
  return instance;
}

/**
 * The fast yes/no check of one class (see build/fast-validator), compiled on first use;
 * `undefined` for a class the schema lacks.
 */
function fastCheckFor(classUid: number): Check | undefined {
  const cached = fastChecks.get(classUid);
  if (cached) return cached;
  const document = schemaDocument();
  if (!classUids?.has(classUid)) return undefined;
  let check: Check | undefined;
  try {
    fast ??= new FastSchemaCompiler(document.$defs);
    check = fast.def(`class_${classUid}`);
  } catch {
    // A schema shape the generator does not know (a newer ocsf-compile): ajv alone decides,
    // slower but never wrong. fast-validator.spec.ts fails first for the committed schema.
    const validate = validatorFor(classUid);
    if (!validate) return undefined;
    check = (e) => validate(e) as boolean;
  }
  fastChecks.set(classUid, check);
  return check;
}

/** The ajv validator of one class, compiled on first use and cached for the process. */
function validatorFor(classUid: number): ValidateFunction | undefined {
  const cached = validators.get(classUid);
  if (cached) return cached;
  const instance = engine();
  if (!classUids?.has(classUid)) return undefined;
  const fn = instance.getSchema(`${schemaId}#/$defs/class_${classUid}`);
  if (!fn) return undefined;
  validators.set(classUid, fn);
  return fn;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '/' : e.instancePath;
  const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : '';
  return `${where} ${e.message ?? e.keyword}${extra}`;
}

/** UIDs of every class the compiled schema knows. */
export function knownOcsfClassUids(): number[] {
  schemaDocument();
  return [...(classUids ?? [])].sort((a, b) => a - b);
}

/**
 * Validates an event against the compiled OCSF 1.8.0 schema of its `class_uid`: required
 * attributes, types, enum values, no unknown attributes (except in free-form ones such as
 * `unmapped`), and `type_uid == class_uid * 100 + activity_id`. An unknown class is invalid.
 */
export function validateOcsf(event: unknown): OcsfValidation {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return { valid: false, errors: ['/ event must be a JSON object'] };
  }
  const e = event as Record<string, unknown>;
  const classUid = e['class_uid'];
  if (typeof classUid !== 'number' || !Number.isInteger(classUid)) {
    return { valid: false, errors: ['/class_uid must be an integer'] };
  }
  const check = fastCheckFor(classUid);
  if (!check) return { valid: false, errors: [`/class_uid ${classUid} is not an OCSF 1.8.0 class`] };
  const errors: string[] = [];
  // The fast check decides; ajv only explains a rejection (same verdict, tested differentially).
  if (!check(e)) {
    const validate = validatorFor(classUid);
    if (validate && !validate(e)) errors.push(...(validate.errors ?? []).map(describe));
  }
  const activityId = e['activity_id'];
  if (typeof activityId === 'number' && e['type_uid'] !== classUid * 100 + activityId) {
    errors.push(`/type_uid must equal class_uid * 100 + activity_id (${classUid * 100 + activityId})`);
  }
  return errors.length === 0 ? VALID : { valid: false, errors };
}

/**
 * Like {@link validateOcsf} but throws, for producers that must never emit an invalid event.
 * @throws SocError SOC_ERR_OCSF_INVALID_EVENT with the schema errors in `details.errors`.
 */
export function assertValidOcsf(event: unknown): void {
  const result = validateOcsf(event);
  if (!result.valid) throw invalidEventError(result.errors);
}
