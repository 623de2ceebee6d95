/**
 * A set of compiled rules with an index, so an event is checked only against the rules it
 * could match. Rules are first grouped by logsource (LogsourcePartition: an event meets only
 * the variants whose EventID/Channel clauses accept it). Within a logsource, each variant is
 * filed under one necessary condition its detection implies: a disjunction of literal tests
 * on one field (e.g. `Image|endswith: '\x.exe'`), or of substrings for keyword searches. Per
 * event, each indexed field is read and lowercased once (FieldSlot) and passed once through
 * that field's LiteralIndex, which reports the variants whose literal really holds; only those
 * are evaluated. A variant with no literal is checked for every event of its logsource, so the
 * index never changes the result, only the work.
 */
import type { SigmaEvent } from '../types';
import { clauseHolds, type CompiledClause, type CompiledRule, type CompiledVariant } from './compile';
import { beginEvaluation, type FieldSlot } from './field-slot';
import { KEYWORD_FIELD } from './keyword-compile';
import { LiteralIndex, type LiteralSink } from './literal-index';
import { LogsourcePartition, type ValueConstraint } from './logsource-partition';

// Globals read once: inside jest's vm context every global lookup goes through the sandbox (~10x slower).
const isArray = Array.isArray;
const numberText = String;
import { literalCost, type IndexAtom, type IndexLiteral } from './item-compile';

interface RuleSlot {
  readonly rule: CompiledRule;
  readonly ordinal: number;
  matchedAt: number;
}

interface Entry {
  readonly slot: RuleSlot;
  readonly variant: CompiledVariant;
  readonly clauses: readonly CompiledClause[];
  /** Clauses the logsource cell does not decide (checked before the detection). */
  rest: readonly CompiledClause[];
  /** What the variant is filed under in its cells (undefined: checked for every event of them). */
  atoms: readonly IndexAtom[] | undefined;
  checkedAt: number;
}

interface FieldProbe {
  readonly slot: FieldSlot;
  readonly index: LiteralIndex<Entry>;
}

/** The rules of one logsource cell: always checked, filed by field, filed by keyword. */
interface Cell {
  readonly always: readonly Entry[];
  readonly fields: readonly FieldProbe[];
  readonly keywords: LiteralIndex<Entry> | undefined;
}

/** Index statistics, for logs and tests. */
export interface RuleSetStats {
  rules: number;
  variants: number;
  /** Variants filed under a literal (checked only when it holds). */
  indexed: number;
  /** Variants checked for every event of their logsource. */
  unindexed: number;
  /** Indexed fields (keyword search counted as one). */
  fields: number;
  /** Logsource cells built so far (one per combination of partition values seen). */
  cells: number;
}

const DECIDED = 1.5;

/** Key of a literal on a field, to count how many variants test it. */
function literalKey(slotIds: Map<FieldSlot | undefined, number>, slot: FieldSlot | undefined, l: IndexLiteral): string {
  let id = slotIds.get(slot);
  if (id === undefined) {
    id = slotIds.size;
    slotIds.set(slot, id);
  }
  return `${id}\u0000${l.kind}\u0000${l.text}`;
}

/**
 * Chooses what each variant is filed under: the cheapest of its alternatives, where a literal
 * many rules test (`\windows\`, `\cmd.exe`) is taken as common in events too, and a literal on
 * a partition field counts as always true (within a cell that field's value is fixed).
 */
function chooseFilings(entries: readonly Entry[], dims: ReadonlySet<FieldSlot>): void {
  const slotIds = new Map<FieldSlot | undefined, number>();
  const shared = new Map<string, number>();
  for (const e of entries) {
    const keys = new Set<string>();
    for (const choice of e.variant.choices ?? []) for (const a of choice) for (const l of a.literals) keys.add(literalKey(slotIds, a.slot, l));
    for (const k of keys) shared.set(k, (shared.get(k) ?? 0) + 1);
  }
  for (const e of entries) {
    let bestCost = Infinity;
    for (const choice of e.variant.choices ?? []) {
      // A chance is at most 1, and a literal on a partition field is certain within a cell:
      // worse than any literal elsewhere, however long the list.
      let cost = 0;
      let decided = 0;
      for (const a of choice) {
        if (a.slot !== undefined && dims.has(a.slot)) decided = DECIDED;
        for (const l of a.literals) cost += literalCost(l) * Math.log2(1 + (shared.get(literalKey(slotIds, a.slot, l)) ?? 1));
      }
      cost = Math.min(cost, 1) + decided;
      if (cost < bestCost) {
        e.atoms = choice;
        bestCost = cost;
      }
    }
  }
}

/**
 * Value sets the variant's detection requires on partition fields: a necessary choice made of
 * equalities on one such field only (`EventID: 4624` in a rule of the whole security log).
 */
function impliedValues(entry: Entry, dims: ReadonlySet<FieldSlot>): ValueConstraint[] {
  const out: ValueConstraint[] = [];
  for (const choice of entry.variant.choices ?? []) {
    const slot = choice[0]?.slot;
    if (slot === undefined || !dims.has(slot)) continue;
    if (!choice.every((a) => a.slot === slot && a.literals.every((l) => l.kind === 'equals'))) continue;
    out.push({ slot, keys: new Set(choice.flatMap((a) => a.literals.map((l) => l.text))) });
  }
  return out;
}

function buildCell(entries: Entry[]): Cell {
  const always: Entry[] = [];
  const bySlot = new Map<FieldSlot, LiteralIndex<Entry>>();
  let keywords: LiteralIndex<Entry> | undefined;
  for (const entry of entries) {
    const atoms = entry.atoms;
    if (!atoms) {
      always.push(entry);
      continue;
    }
    for (const atom of atoms) {
      let index: LiteralIndex<Entry> | undefined;
      if (atom.slot === undefined) {
        keywords ??= new LiteralIndex();
        index = keywords;
      } else {
        index = bySlot.get(atom.slot);
        if (!index) {
          index = new LiteralIndex();
          bySlot.set(atom.slot, index);
        }
      }
      for (const lit of atom.literals) index.add(atom.slot === undefined ? { kind: 'contains', text: lit.text } : lit, entry);
    }
  }
  const fields: FieldProbe[] = [];
  for (const [slot, index] of bySlot) {
    index.seal();
    fields.push({ slot, index });
  }
  keywords?.seal();
  return { always, fields, keywords };
}

/** Compiled rules behind an index; `evaluate` returns the rules an event matches, in input order. */
export class RuleSet {
  private readonly entries: Entry[] = [];
  private readonly partition: LogsourcePartition<Entry, Cell>;
  private readonly counts: Omit<RuleSetStats, 'cells'>;
  private stamp = 0;
  private event: SigmaEvent | undefined;
  private out: RuleSlot[] = [];
  // The literal indexes report hits to this one object, so no closure is made per event.
  private readonly sink: LiteralSink<Entry> = { hit: (items) => this.checkAll(items) };

  constructor(rules: readonly CompiledRule[]) {
    const fields = new Set<string>();
    rules.forEach((rule, ordinal) => {
      if (!rule.applicable) return;
      const slot: RuleSlot = { rule, ordinal, matchedAt: 0 };
      for (const variant of rule.variants) {
        this.entries.push({ slot, variant, clauses: variant.clauses, rest: variant.clauses, atoms: undefined, checkedAt: 0 });
        for (const a of variant.atoms ?? []) fields.add(a.slot === undefined ? KEYWORD_FIELD : a.field);
      }
    });
    this.partition = new LogsourcePartition(this.entries, { clauses: (e) => e.clauses, implied: impliedValues, build: buildCell });
    const dims = this.partition.dimensions;
    for (const e of this.entries) e.rest = e.clauses.filter((c) => !dims.has(c.slot));
    chooseFilings(this.entries, dims);
    const indexed = this.entries.filter((e) => e.variant.atoms !== undefined).length;
    this.counts = { rules: rules.length, variants: this.entries.length, indexed, unindexed: this.entries.length - indexed, fields: fields.size };
  }

  /** Index statistics. */
  stats(): RuleSetStats {
    return { ...this.counts, cells: this.partition.cells };
  }

  /** The rules that match the event (each once, in the order they were given). */
  evaluate(event: SigmaEvent): CompiledRule[] {
    beginEvaluation();
    this.stamp++;
    this.event = event;
    const out: RuleSlot[] = [];
    this.out = out;
    const cell = this.partition.cellOf(event);
    if (cell === undefined) this.checkEvery(event);
    else this.checkCell(cell, event);
    this.event = undefined;
    if (out.length === 0) return [];
    if (out.length > 1) out.sort((a, b) => a.ordinal - b.ordinal);
    return out.map((s) => s.rule);
  }

  private checkCell(cell: Cell, event: SigmaEvent): void {
    this.checkAll(cell.always);
    const fields = cell.fields;
    for (let f = 0; f < fields.length; f++) {
      const probe = fields[f] as FieldProbe;
      const low = probe.slot.lowered(event);
      if (typeof low === 'string') probe.index.probe(low, this.sink);
      else if (low !== undefined) for (let i = 0; i < low.length; i++) if (low[i] !== undefined) probe.index.probe(low[i] as string, this.sink);
    }
    if (cell.keywords) this.probeStrings(event, cell.keywords);
  }

  /** Keyword literals: every string (and number) inside the event, as keyword matching walks it. */
  private probeStrings(v: unknown, index: LiteralIndex<Entry>): void {
    if (typeof v === 'string') {
      index.probeRaw(v, this.sink);
    }
    else if (typeof v === 'number') index.probeRaw(numberText(v), this.sink);
    else if (isArray(v)) for (let i = 0; i < v.length; i++) this.probeStrings(v[i], index);
    else if (v !== null && typeof v === 'object') for (const k in v) this.probeStrings((v as Record<string, unknown>)[k], index);
  }

  /** A partition field held several values: every variant is checked with all its clauses. */
  private checkEvery(event: SigmaEvent): void {
    const stamp = this.stamp;
    for (const entry of this.entries) {
      const slot = entry.slot;
      if (slot.matchedAt === stamp) continue;
      if (entry.variant.test(event)) {
        slot.matchedAt = stamp;
        this.out.push(slot);
      }
    }
  }

  private checkAll(entries: readonly Entry[]): void {
    const stamp = this.stamp;
    const event = this.event as SigmaEvent;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as Entry;
      if (entry.checkedAt === stamp) continue;
      entry.checkedAt = stamp;
      const slot = entry.slot;
      if (slot.matchedAt === stamp) continue;
      if (restHolds(entry.rest, event) && entry.variant.detection(event)) {
        slot.matchedAt = stamp;
        this.out.push(slot);
      }
    }
  }
}

function restHolds(clauses: readonly CompiledClause[], event: SigmaEvent): boolean {
  for (let i = 0; i < clauses.length; i++) if (!clauseHolds(clauses[i] as CompiledClause, event)) return false;
  return true;
}
