/**
 * Collects ClickHouse query parameters while SQL is built: every caller-supplied value and
 * every field path reaches the server as a typed `{pN:Type}` parameter, never as SQL text.
 */
export class ClickHouseParams {
  readonly values: Record<string, unknown> = {};
  private n = 0;

  add(value: unknown, type: 'String' | 'Int64' | 'Float64' | 'UInt32' | 'Array(String)' | 'Array(Float64)'): string {
    const name = `p${this.n++}`;
    this.values[name] = value;
    return `{${name}:${type}}`;
  }

  str(value: string): string {
    return this.add(value, 'String');
  }
}
