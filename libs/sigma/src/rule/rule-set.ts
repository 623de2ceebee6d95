/**
 * A set of compiled rules with an index, so an event is checked only against the rules it
 * could match. Each rule variant is filed under one necessary condition: a literal test on one
 * field that holds whenever the variant matches (a logsource clause value such as an EventID,
 * or a literal its detection requires, such as `Image|endswith: '\x.exe'`). Per event, each
 * indexed field is read once and its lowercased text looked up: equalities in a hash map,
 * prefixes and suffixes in one hash map per literal length, substrings by one 4-character gram
 * of theirs (the text's grams are rolled over once, a bitset skipping most lookups). Hash
 * collisions only add candidates, never lose one. A variant with no usable literal
 * is always checked, so the index never changes the result, only the work.
 */
import type { FieldAccessor, SigmaEvent } from '../types';
import type { CompiledRule, CompiledVariant } from './compile';
import { atomsStrength, MIN_CONTAINS_INDEX, type IndexAtom, type IndexLiteral } from './item-compile';
import { lowerText } from './text';

interface RuleSlot {
  readonly rule: CompiledRule;
  readonly ordinal: number;
  matchedAt: number;
}

interface Entry {
  readonly slot: RuleSlot;
  readonly variant: CompiledVariant;
  checkedAt: number;
}

/** Literal lookups of one kind, bucketed by literal length so a probe is one hash lookup per length. */
class AffixTable {
  private readonly byLength = new Map<number, Map<string, Entry[]>>();
  lengths: number[] = [];

  add(text: string, entry: Entry): void {
    let table = this.byLength.get(text.length);
    if (!table) {
      table = new Map();
      this.byLength.set(text.length, table);
      this.lengths = [...this.byLength.keys()].sort((a, b) => a - b);
    }
    push(table, text, entry);
  }

  table(length: number): Map<string, Entry[]> | undefined {
    return this.byLength.get(length);
  }
}

const GRAM = MIN_CONTAINS_INDEX;
const GRAM_MASK = 0xfffffff;
const BITS_SHIFT = 14; // 2^18 bits in the prefilter

/** Key of the 4 characters ending at `end` (7 bits each; other characters fold, which only adds candidates). */
function gramAt(s: string, start: number): number {
  let k = 0;
  for (let i = start; i < start + GRAM; i++) k = ((k << 7) | (s.charCodeAt(i) & 127)) & GRAM_MASK;
  return k;
}

/** Substring literals filed under one gram each; a probe rolls over every gram of the text. */
class GramTable {
  readonly byGram = new Map<number, Entry[]>();
  private readonly bits = new Uint32Array(1 << (32 - BITS_SHIFT - 5));

  add(gram: number, entry: Entry): void {
    const list = this.byGram.get(gram);
    if (list) {
      if (!list.includes(entry)) list.push(entry);
    } else {
      this.byGram.set(gram, [entry]);
    }
    const h = Math.imul(gram, 0x9e3779b1) >>> BITS_SHIFT;
    this.bits[h >>> 5] = (this.bits[h >>> 5] ?? 0) | (1 << (h & 31));
  }

  get size(): number {
    return this.byGram.size;
  }

  /** Calls `hit` with the entries of every gram of `s` that some literal was filed under. */
  probe(s: string, hit: (entries: readonly Entry[]) => void): void {
    if (s.length < GRAM) return;
    let k = gramAt(s, 0);
    for (let i = GRAM; ; i++) {
      const h = Math.imul(k, 0x9e3779b1) >>> BITS_SHIFT;
      if (((this.bits[h >>> 5] ?? 0) & (1 << (h & 31))) !== 0) {
        const list = this.byGram.get(k);
        if (list) hit(list);
      }
      if (i >= s.length) return;
      k = ((k << 7) | (s.charCodeAt(i) & 127)) & GRAM_MASK;
    }
  }
}

function push(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(entry)) list.push(entry);
  } else {
    map.set(key, [entry]);
  }
}

class FieldIndex {
  readonly equals = new Map<string, Entry[]>();
  readonly starts = new AffixTable();
  readonly ends = new AffixTable();
  readonly grams = new GramTable();

  constructor(
    readonly field: string,
    readonly accessor: FieldAccessor,
  ) {}

  add(lit: IndexLiteral, entry: Entry, gram: (field: string, text: string) => number): void {
    if (lit.kind === 'equals') push(this.equals, lit.text, entry);
    else if (lit.kind === 'startswith') this.starts.add(lit.text, entry);
    else if (lit.kind === 'endswith') this.ends.add(lit.text, entry);
    else this.grams.add(gram(this.field, lit.text), entry);
  }
}

/** Index statistics, for logs and tests. */
export interface RuleSetStats {
  rules: number;
  variants: number;
  /** Variants filed under a literal (checked only when it holds). */
  indexed: number;
  /** Variants checked for every event. */
  unindexed: number;
  /** Indexed fields. */
  fields: number;
}

// A logsource clause (an EventID, a channel) holds for a whole class of events, so it narrows
// less than most literals a detection requires; it is used when the detection offers none better.
const CLAUSE_STRENGTH = 5;

/** The atoms a variant is filed under: its detection's literals or a logsource clause, whichever narrows more. */
function chooseAtoms(v: CompiledVariant): readonly IndexAtom[] | undefined {
  const detection = v.atoms && atomsStrength(v.atoms) > CLAUSE_STRENGTH ? v.atoms : undefined;
  const clause = v.clauses[0];
  if (detection || !clause) return detection ?? v.atoms;
  return [{ field: clause.field, accessor: clause.accessor, literals: [...clause.keys].map((text) => ({ kind: 'equals', text })) }];
}

/** Rarest-gram choice: the gram of a substring literal that the fewest literals of its field share. */
function gramChooser(filings: readonly { atom: IndexAtom }[]): (field: string, text: string) => number {
  const freq = new Map<string, number>();
  for (const { atom } of filings) {
    for (const l of atom.literals) {
      if (l.kind !== 'contains') continue;
      for (let i = 0; i + GRAM <= l.text.length; i++) {
        const key = `${atom.field}\u0000${gramAt(l.text, i)}`;
        freq.set(key, (freq.get(key) ?? 0) + 1);
      }
    }
  }
  return (field, text) => {
    let best = gramAt(text, 0);
    let bestCount = Infinity;
    for (let i = 0; i + GRAM <= text.length; i++) {
      const g = gramAt(text, i);
      const n = freq.get(`${field}\u0000${g}`) ?? 0;
      if (n < bestCount) {
        best = g;
        bestCount = n;
      }
    }
    return best;
  };
}

/** Compiled rules behind an index; `evaluate` returns the rules an event matches, in input order. */
export class RuleSet {
  private readonly always: Entry[] = [];
  private readonly fields: FieldIndex[] = [];
  private readonly byField = new Map<string, FieldIndex>();
  private epoch = 0;
  private readonly counts: RuleSetStats;

  constructor(rules: readonly CompiledRule[]) {
    let variants = 0;
    const filings: { atom: IndexAtom; entry: Entry }[] = [];
    rules.forEach((rule, ordinal) => {
      if (!rule.applicable) return;
      const slot: RuleSlot = { rule, ordinal, matchedAt: 0 };
      for (const variant of rule.variants) {
        variants++;
        const entry: Entry = { slot, variant, checkedAt: 0 };
        const atoms = chooseAtoms(variant);
        if (atoms) for (const atom of atoms) filings.push({ atom, entry });
        else this.always.push(entry);
      }
    });
    const gram = gramChooser(filings);
    for (const { atom, entry } of filings) for (const lit of atom.literals) this.fieldIndex(atom).add(lit, entry, gram);
    this.counts = { rules: rules.length, variants, indexed: variants - this.always.length, unindexed: this.always.length, fields: this.fields.length };
  }

  /** Index statistics. */
  stats(): RuleSetStats {
    return { ...this.counts, fields: this.fields.length };
  }

  /** The rules that match the event (each once, in the order they were given). */
  evaluate(event: SigmaEvent): CompiledRule[] {
    const stamp = ++this.epoch;
    const out: RuleSlot[] = [];
    for (let i = 0; i < this.always.length; i++) this.check(this.always[i] as Entry, event, stamp, out);
    for (let f = 0; f < this.fields.length; f++) {
      const fi = this.fields[f] as FieldIndex;
      const v = fi.accessor(event);
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) this.probe(fi, lowerText(v[i]), event, stamp, out);
      } else {
        this.probe(fi, lowerText(v), event, stamp, out);
      }
    }
    if (out.length > 1) out.sort((a, b) => a.ordinal - b.ordinal);
    return out.map((s) => s.rule);
  }

  private fieldIndex(atom: IndexAtom): FieldIndex {
    let fi = this.byField.get(atom.field);
    if (!fi) {
      fi = new FieldIndex(atom.field, atom.accessor);
      this.byField.set(atom.field, fi);
      this.fields.push(fi);
    }
    return fi;
  }

  private probe(fi: FieldIndex, s: string | undefined, event: SigmaEvent, stamp: number, out: RuleSlot[]): void {
    if (s === undefined) return;
    const eq = fi.equals.get(s);
    if (eq) this.checkAll(eq, event, stamp, out);
    this.probeAffix(fi.ends, s, true, event, stamp, out);
    this.probeAffix(fi.starts, s, false, event, stamp, out);
    if (fi.grams.size > 0) {
      this.current = { event, stamp, out };
      fi.grams.probe(s, this.onGramHit);
    }
  }

  // The gram probe reports hits through one bound callback, so no closure is made per event.
  private current: { event: SigmaEvent; stamp: number; out: RuleSlot[] } | undefined;
  private readonly onGramHit = (entries: readonly Entry[]): void => {
    const c = this.current;
    if (c) this.checkAll(entries, c.event, c.stamp, c.out);
  };

  private probeAffix(table: AffixTable, s: string, suffix: boolean, event: SigmaEvent, stamp: number, out: RuleSlot[]): void {
    const lengths = table.lengths;
    for (let i = 0; i < lengths.length; i++) {
      const len = lengths[i] as number;
      if (len > s.length) return;
      const hit = table.table(len)?.get(suffix ? s.slice(s.length - len) : s.slice(0, len));
      if (hit) this.checkAll(hit, event, stamp, out);
    }
  }

  private checkAll(entries: readonly Entry[], event: SigmaEvent, stamp: number, out: RuleSlot[]): void {
    for (let i = 0; i < entries.length; i++) this.check(entries[i] as Entry, event, stamp, out);
  }

  private check(entry: Entry, event: SigmaEvent, stamp: number, out: RuleSlot[]): void {
    if (entry.checkedAt === stamp) return;
    entry.checkedAt = stamp;
    const slot = entry.slot;
    if (slot.matchedAt === stamp) return;
    if (entry.variant.matches(event)) {
      slot.matchedAt = stamp;
      out.push(slot);
    }
  }
}
