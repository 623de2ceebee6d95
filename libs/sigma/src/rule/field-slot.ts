/**
 * One event field as every rule sees it during one evaluation: read once, lowercased once.
 * Thousands of rules test the same few dozen fields (Image, CommandLine...), so the value and
 * its lowercased text are kept for the event being evaluated and reused by each rule and by
 * the index. The cache is keyed by the event object and an evaluation number that every
 * public entry point (`CompiledRule.matches`, `RuleSet.evaluate`) advances, so an event that
 * is changed between two evaluations is always read afresh.
 */
import type { FieldAccessor, SigmaEvent } from '../types';
import { toText } from './text';

// Globals read once: inside jest's vm context every global lookup goes through the sandbox (~10x slower).
const isArray = Array.isArray;

/** The lowercased text of a field: a string, undefined (no text), or one entry per array element. */
export type LoweredValue = string | undefined | readonly (string | undefined)[];

/** Evaluation counter; a slot's cache is valid only for the evaluation it was filled in. */
const clock = { now: 1 };

/** Starts a new evaluation: every slot will read the next event afresh. */
export function beginEvaluation(): void {
  clock.now++;
}

function lowerOne(v: unknown): string | undefined {
  if (typeof v === 'string') return v.toLowerCase();
  // Numbers too ('Infinity', 'NaN'): the text a rule compares is always lowercased.
  const t = toText(v);
  return t === undefined ? undefined : t.toLowerCase();
}

/** A field's accessor with a per-evaluation cache of the value and of its lowercased text. */
export class FieldSlot {
  private valueEvent: SigmaEvent | undefined;
  private valueAt = 0;
  private cached: unknown;
  private lowEvent: SigmaEvent | undefined;
  private lowAt = 0;
  private low: LoweredValue;

  constructor(
    readonly field: string,
    readonly read: FieldAccessor,
  ) {}

  /** `value` as a plain accessor (bound once, so tests hold it without a closure per call). */
  readonly get: FieldAccessor = (e) => this.value(e);

  /** The field's value in `e` (what the mapping's accessor returns). */
  value(e: SigmaEvent): unknown {
    if (this.valueEvent === e && this.valueAt === clock.now) return this.cached;
    const v = this.read(e);
    this.cached = v;
    this.valueEvent = e;
    this.valueAt = clock.now;
    return v;
  }

  /** The lowercased text of the value (strings lowercased, numbers and booleans as text). */
  lowered(e: SigmaEvent): LoweredValue {
    if (this.lowEvent === e && this.lowAt === clock.now) return this.low;
    const v = this.value(e);
    let low: LoweredValue;
    if (isArray(v)) {
      const out: (string | undefined)[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = lowerOne(v[i]);
      low = out;
    } else {
      low = lowerOne(v);
    }
    this.low = low;
    this.lowEvent = e;
    this.lowAt = clock.now;
    return low;
  }
}

/** True when `test` accepts the lowercased text, or one element's for an array. */
export function someLowered(low: LoweredValue, test: (s: string) => boolean): boolean {
  if (typeof low === 'string') return test(low);
  if (low === undefined) return false;
  for (let i = 0; i < low.length; i++) {
    const s = low[i];
    if (s !== undefined && test(s)) return true;
  }
  return false;
}
