/** Label values of one series, e.g. `{ source: 'windows', code: 'SOC_ERR_...' }`. */
export type Labels = Readonly<Record<string, string>>;

const key = (labels: Labels): string =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${String(labels[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');

/** A monotonically increasing count per label set. */
export class Counter {
  private readonly series = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    this.series.set(k, (this.series.get(k) ?? 0) + by);
  }
  /** Current value for one label set (0 if never incremented). */
  get(labels: Labels = {}): number {
    return this.series.get(key(labels)) ?? 0;
  }
  /** Sum over every label set. */
  total(): number {
    let t = 0;
    for (const v of this.series.values()) t += v;
    return t;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.series) lines.push(`${this.name}${k ? `{${k}}` : ''} ${v}`);
    return lines.join('\n');
  }
}

/** A value read at scrape time (queue lag, open connections). */
export class Gauge {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => number | Promise<number>,
  ) {}
  async render(): Promise<string> {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${await this.read()}`].join('\n');
  }
}

/** Holds every metric of a process and renders the Prometheus text exposition format. */
export class MetricsRegistry {
  private readonly counters = new Map<string, Counter>();
  private readonly gauges = new Map<string, Gauge>();

  /** Returns the counter with this name, creating it once. */
  counter(name: string, help: string): Counter {
    let c = this.counters.get(name);
    if (!c) this.counters.set(name, (c = new Counter(name, help)));
    return c;
  }

  gauge(name: string, help: string, read: () => number | Promise<number>): Gauge {
    const g = new Gauge(name, help, read);
    this.gauges.set(name, g);
    return g;
  }

  async render(): Promise<string> {
    const parts = [...this.counters.values()].map((c) => c.render());
    for (const g of this.gauges.values()) parts.push(await g.render());
    return parts.join('\n') + '\n';
  }
}
