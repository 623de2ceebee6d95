import { LIST, VARCHAR, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/**
 * Collects bound parameters while SQL is built: every value a caller supplied reaches DuckDB
 * as a `$pN` parameter, never as SQL text.
 */
export class DuckDbParams {
  readonly values: Record<string, DuckDBValue> = {};
  readonly types: Record<string, DuckDBType | undefined> = {};
  private n = 0;

  add(value: string | number | boolean | bigint): string {
    const name = `p${this.n++}`;
    this.values[name] = value;
    return `$${name}`;
  }

  addStringList(values: readonly string[]): string {
    const name = `p${this.n++}`;
    this.values[name] = listValue([...values]);
    this.types[name] = LIST(VARCHAR);
    return `$${name}`;
  }
}
