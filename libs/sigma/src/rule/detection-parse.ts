/**
 * Reads a `detection` section (or a filter's `filter` section) into search identifiers and a
 * condition, checking the structure the spec allows: maps (AND), lists of maps (OR), keyword
 * lists, `field|modifiers` keys, scalar values or lists of them, and a condition that names
 * existing identifiers. Values are checked by compiling them once in validate mode.
 */
import { parseConditions } from './condition';
import { FieldSlot } from './field-slot';
import { compileFieldItem, type FieldResolver } from './item-compile';
import { compileKeywordItem } from './keyword-compile';
import { checkModifierChain, splitFieldKey } from './modifiers';
import type { DetectionItem, SearchIdentifier, SigmaDetection, SigmaScalar } from './model';
import { RuleProblem } from './problem';

const validationSlot = new FieldSlot('', () => undefined);
const validateResolver: FieldResolver = () => ({ name: '', accessor: validationSlot.get, slot: validationSlot });

function isScalar(v: unknown): v is SigmaScalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

function itemValues(value: unknown, path: string): SigmaScalar[] {
  if (isScalar(value)) return [value];
  if (value instanceof Date) return [value.toISOString().slice(0, 10)];
  if (!Array.isArray(value)) throw new RuleProblem('bad-value', 'a value must be a scalar or a list of scalars', path);
  if (value.length === 0) throw new RuleProblem('empty-value-list', 'an empty list of values matches nothing', path);
  for (const v of value) {
    if (!isScalar(v)) throw new RuleProblem('bad-value', 'a list of values may only hold scalars', path);
    if (v === null && value.length > 1) throw new RuleProblem('null-in-list', 'null cannot be part of a list of values (spec: Special Field Values)', path);
  }
  return value as SigmaScalar[];
}

function parseItem(key: string, value: unknown, path: string): DetectionItem {
  const { field, modifiers } = splitFieldKey(key);
  const chain = checkModifierChain(modifiers);
  if ('reason' in chain) throw new RuleProblem(chain.reason, chain.message, path);
  const values = itemValues(value, path);
  const item: DetectionItem = { field: field === '' ? null : field, modifiers: chain.mods, values, path };
  if (chain.mods.includes('all') && values.length < 2) {
    throw new RuleProblem('all-with-single-value', "'all' needs a list of more than one value (modifiers appendix)", path);
  }
  // Compile once without a mapping: bad regexes, networks, numbers... surface at parse time.
  if (item.field === null) compileKeywordItem(item, { placeholders: 'validate' });
  else compileFieldItem(item, validateResolver, { placeholders: 'validate' });
  return item;
}

function parseMap(map: Record<string, unknown>, path: string): DetectionItem[] {
  const keys = Object.keys(map);
  if (keys.length === 0) throw new RuleProblem('empty-search-identifier', 'an empty map matches nothing', path);
  return keys.map((k) => parseItem(k, map[k], `${path}.${k}`));
}

/** Parses one search identifier's definition. */
export function parseSearchIdentifier(name: string, def: unknown, path: string): SearchIdentifier {
  if (isMap(def)) return { name, groups: [parseMap(def, path)] };
  if (!Array.isArray(def)) {
    throw new RuleProblem('bad-search-identifier', 'a search identifier must be a map or a list', path);
  }
  if (def.length === 0) throw new RuleProblem('empty-search-identifier', 'an empty list matches nothing', path);
  if (def.every(isMap)) return { name, groups: def.map((m, i) => parseMap(m, `${path}[${i}]`)) };
  if (def.every((v) => isScalar(v) && v !== null)) {
    const item = parseItem('', def, path);
    return { name, groups: [[item]] };
  }
  throw new RuleProblem('mixed-search-identifier', 'a list must hold only maps or only keywords', path);
}

function conditionTexts(raw: unknown, path: string): string[] {
  if (typeof raw === 'string' && raw.trim() !== '') return [raw];
  if (Array.isArray(raw) && raw.length > 0 && raw.every((c) => typeof c === 'string' && c.trim() !== '')) return raw as string[];
  if (raw === undefined) throw new RuleProblem('missing-condition', 'the detection has no condition', path, true);
  throw new RuleProblem('bad-condition', 'the condition must be a string or a list of strings', path, true);
}

/**
 * Parses a detection section. `reserved` keys are not search identifiers (e.g. a filter's
 * `rules`). Collects every problem rather than stopping at the first.
 */
export function parseDetection(raw: unknown, path: string, reserved: readonly string[] = []): { detection?: SigmaDetection; problems: RuleProblem[] } {
  if (!isMap(raw)) return { problems: [new RuleProblem('bad-detection', `${path} must be a map`, path)] };
  const problems: RuleProblem[] = [];
  const identifiers: Record<string, SearchIdentifier> = {};
  const failed: string[] = [];
  for (const [name, def] of Object.entries(raw)) {
    if (name === 'condition' || reserved.includes(name)) continue;
    if (name === 'timeframe') {
      problems.push(new RuleProblem('timeframe-in-detection', 'timeframe belongs to correlation rules in Sigma v2', `${path}.timeframe`));
      continue;
    }
    try {
      identifiers[name] = parseSearchIdentifier(name, def, `${path}.${name}`);
    } catch (e) {
      if (!(e instanceof RuleProblem)) throw e;
      problems.push(e);
      failed.push(name);
    }
  }
  let texts: string[] = [];
  try {
    texts = conditionTexts(raw['condition'], `${path}.condition`);
    // Identifiers that failed to parse still exist for the condition: report their own problem only.
    const names = [...Object.keys(identifiers), ...failed];
    const condition = parseConditions(texts, names, `${path}.condition`);
    if (problems.length === 0) return { detection: { identifiers, conditionText: texts, condition }, problems };
  } catch (e) {
    if (!(e instanceof RuleProblem)) throw e;
    problems.push(e);
  }
  return { problems };
}
