/**
 * Rules grouped by logsource, so an event only meets the rules of its own logsource. The
 * clause fields most variants share (EventID and Channel under the Windows mapping) become
 * the partition's dimensions; an event's cell is found from its values of those fields (read
 * once), and holds exactly the variants whose clauses on them accept those values. Cells are
 * built on first use; an event value no clause names falls in the same cell as an absent one,
 * so the number of cells stays bounded by the clause values of the rules.
 */
import type { SigmaEvent } from '../types';
import type { CompiledClause } from './compile';
import type { FieldSlot } from './field-slot';

/** What a partition needs of a variant: its logsource clauses. */
export interface Partitioned {
  readonly clauses: readonly CompiledClause[];
}

/** Token of a value that no clause names (or no value at all). */
const NONE = '\u0000';
const MAX_DIMENSIONS = 2;

interface Dimension {
  readonly slot: FieldSlot;
  /** Every value some clause on this field accepts. */
  readonly keys: ReadonlySet<string>;
}

/** The dimensions: the (at most two) clause fields most variants have a clause on. */
function chooseDimensions(items: readonly Partitioned[]): Dimension[] {
  const counts = new Map<FieldSlot, { n: number; keys: Set<string> }>();
  for (const it of items) {
    for (const c of it.clauses) {
      const d = counts.get(c.slot) ?? { n: 0, keys: new Set<string>() };
      d.n++;
      for (const k of c.keys) d.keys.add(k);
      counts.set(c.slot, d);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1].n - a[1].n)
    .slice(0, MAX_DIMENSIONS)
    .map(([slot, d]) => ({ slot, keys: d.keys }));
}

/** Items in cells by their clause values; `build` turns a cell's items into what the caller keeps. */
export class LogsourcePartition<T extends Partitioned, C> {
  private readonly dims: Dimension[];
  private readonly root = new Map<string, unknown>();
  private readonly tokens: string[];
  private cellCount = 0;

  constructor(
    private readonly items: readonly T[],
    private readonly build: (items: T[]) => C,
  ) {
    this.dims = chooseDimensions(items);
    this.tokens = new Array<string>(this.dims.length).fill(NONE);
  }

  /** The slots of the partition's fields: their clauses are decided by the cell. */
  get dimensions(): readonly FieldSlot[] {
    return this.dims.map((d) => d.slot);
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
    const kept = this.items.filter((it) => this.accepts(it, tokens));
    this.cellCount++;
    return this.build(kept);
  }

  private accepts(it: T, tokens: readonly string[]): boolean {
    for (let i = 0; i < this.dims.length; i++) {
      const slot = (this.dims[i] as Dimension).slot;
      const token = tokens[i] as string;
      for (const c of it.clauses) if (c.slot === slot && (token === NONE || !c.keys.has(token))) return false;
    }
    return true;
  }
}
