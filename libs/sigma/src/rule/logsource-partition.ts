/**
 * Rules grouped by logsource, so an event only meets the rules that can apply to it. The
 * clause fields most variants share (EventID and Channel under the Windows mapping) become
 * the partition's dimensions; an event's cell is found from its values of those fields (read
 * once), and holds exactly the items whose constraints on them accept those values. An item's
 * constraints are its logsource clauses, plus any value set its detection requires on a
 * dimension (a security-service rule on `EventID: 4624` is not in the 5145 cell). Cells are
 * built on first use; an event value no constraint names falls in the same cell as an absent
 * one, so the number of cells stays bounded by the rules' values.
 */
import type { SigmaEvent } from '../types';
import type { FieldSlot } from './field-slot';

/** The field's (lowercased) value must be one of `keys`. */
export interface ValueConstraint {
  readonly slot: FieldSlot;
  readonly keys: ReadonlySet<string>;
}

/** Token of a value that no constraint names (or no value at all). */
const NONE = '\u0000';
const MAX_DIMENSIONS = 2;

interface Dimension {
  readonly slot: FieldSlot;
  /** Every value some constraint on this field accepts. */
  readonly keys: Set<string>;
}

/** The dimensions: the (at most two) fields most items have a logsource clause on. */
function chooseDimensions(clauses: readonly (readonly ValueConstraint[])[]): Dimension[] {
  const counts = new Map<FieldSlot, number>();
  for (const cs of clauses) for (const c of cs) counts.set(c.slot, (counts.get(c.slot) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_DIMENSIONS)
    .map(([slot]) => ({ slot, keys: new Set<string>() }));
}

/** How the partition sees an item. */
export interface PartitionInput<T, C> {
  /** Logsource clauses of the item (they choose the dimensions). */
  clauses(item: T): readonly ValueConstraint[];
  /** Further constraints on the given dimension fields that the item's detection implies. */
  implied(item: T, dimensions: ReadonlySet<FieldSlot>): readonly ValueConstraint[];
  /** Turns a cell's items (in input order) into what the caller keeps per cell. */
  build(items: T[]): C;
}

/** Items in cells by the values of the partition fields. */
export class LogsourcePartition<T, C> {
  private readonly dims: Dimension[];
  private readonly constraints: (readonly ValueConstraint[])[];
  private readonly root = new Map<string, unknown>();
  private readonly tokens: string[];
  private cellCount = 0;

  constructor(
    private readonly items: readonly T[],
    input: PartitionInput<T, C>,
  ) {
    const clauses = items.map((it) => input.clauses(it));
    this.dims = chooseDimensions(clauses);
    const dimSlots = new Set(this.dims.map((d) => d.slot));
    this.constraints = items.map((it, i) => [...(clauses[i] as readonly ValueConstraint[]), ...input.implied(it, dimSlots)].filter((c) => dimSlots.has(c.slot)));
    for (const cs of this.constraints) for (const c of cs) for (const k of c.keys) this.dims.find((d) => d.slot === c.slot)?.keys.add(k);
    this.tokens = new Array<string>(this.dims.length).fill(NONE);
    this.build = input.build;
  }

  private readonly build: (items: T[]) => C;

  /** The slots of the partition's fields: clauses on them are decided by the cell. */
  get dimensions(): ReadonlySet<FieldSlot> {
    return new Set(this.dims.map((d) => d.slot));
  }

  /** Cells built so far. */
  get cells(): number {
    return this.cellCount;
  }

  /**
   * The event's cell, or undefined when a partition field holds several values (an array):
   * the caller then checks every item with its clauses.
   */
  cellOf(e: SigmaEvent): C | undefined {
    const dims = this.dims;
    const tokens = this.tokens;
    for (let i = 0; i < dims.length; i++) {
      const d = dims[i] as Dimension;
      const low = d.slot.lowered(e);
      if (typeof low === 'object') return undefined;
      tokens[i] = low !== undefined && d.keys.has(low) ? low : NONE;
    }
    // Nested maps, one level per dimension: no key string is built per event.
    let level: Map<string, unknown> = this.root;
    const last = dims.length - 1;
    for (let i = 0; i < last; i++) {
      let next = level.get(tokens[i] as string) as Map<string, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(tokens[i] as string, next);
      }
      level = next;
    }
    const key = last >= 0 ? (tokens[last] as string) : NONE;
    let cell = level.get(key) as C | undefined;
    if (cell === undefined) {
      cell = this.cellFor(tokens);
      level.set(key, cell);
    }
    return cell;
  }

  private cellFor(tokens: readonly string[]): C {
    const kept = this.items.filter((_, i) => this.accepts(this.constraints[i] as readonly ValueConstraint[], tokens));
    this.cellCount++;
    return this.build(kept);
  }

  private accepts(constraints: readonly ValueConstraint[], tokens: readonly string[]): boolean {
    for (let i = 0; i < this.dims.length; i++) {
      const slot = (this.dims[i] as Dimension).slot;
      const token = tokens[i] as string;
      for (const c of constraints) if (c.slot === slot && (token === NONE || !c.keys.has(token))) return false;
    }
    return true;
  }
}
