import { BlockList, isIP } from 'node:net';

/** How an exception compares an event field with its value. */
export type ExceptionOp = 'eq' | 'contains' | 'startswith' | 'endswith' | 'cidr';

/**
 * An analyst's exception: alerts of `ruleId` (or of every rule when null) whose event matches
 * are kept but marked suppressed, never dropped. It matches when `field` (an OCSF path) holds
 * one of `values` under `op`, or when the Sigma filter document `filterYaml` selects the event.
 */
export type DetectionException = {
  id: string;
  ruleId: string | null;
  /** Ms since epoch; an expired exception no longer applies. */
  expiresAt: number | null;
} & ({ field: string; op: ExceptionOp; values: readonly string[] } | { filterYaml: string });

/** The views an exception is tested on: always the OCSF event, and the native record when there is one. */
export interface ExceptionViews {
  ocsf: Readonly<Record<string, unknown>>;
  native?: Readonly<Record<string, unknown>>;
}

/** A compiled exception. */
export interface ExceptionMatcher {
  readonly exception: DetectionException;
  matches(views: ExceptionViews): boolean;
}

function valuesAt(node: unknown, segs: readonly string[], at: number, out: unknown[]): void {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (const item of node) valuesAt(item, segs, at, out);
    return;
  }
  if (at === segs.length) {
    out.push(node);
    return;
  }
  if (typeof node !== 'object') return;
  valuesAt((node as Record<string, unknown>)[segs[at] as string], segs, at + 1, out);
}

function stringTest(op: Exclude<ExceptionOp, 'cidr'>, value: string): (text: string) => boolean {
  const v = value.toLowerCase();
  switch (op) {
    case 'eq':
      return (t) => t === v;
    case 'contains':
      return (t) => t.includes(v);
    case 'startswith':
      return (t) => t.startsWith(v);
    case 'endswith':
      return (t) => t.endsWith(v);
  }
}

function cidrTest(value: string): (text: string) => boolean {
  const [net = '', bits = ''] = value.split('/');
  const family = isIP(net);
  const prefix = Number(bits);
  if (family === 0 || !Number.isInteger(prefix)) return () => false;
  const list = new BlockList();
  list.addSubnet(net, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return (t) => {
    const f = isIP(t);
    return f !== 0 && list.check(t, f === 4 ? 'ipv4' : 'ipv6');
  };
}

/** Compiles a field exception; string comparisons are case-insensitive, as Sigma's are. */
export function compileFieldException(exception: DetectionException & { field: string; op: ExceptionOp; values: readonly string[] }): ExceptionMatcher {
  const segs = exception.field.split('.');
  const op = exception.op;
  const tests = exception.values.map((v) => (op === 'cidr' ? cidrTest(v) : stringTest(op, v)));
  return {
    exception,
    matches({ ocsf }) {
      const found: unknown[] = [];
      valuesAt(ocsf, segs, 0, found);
      return found.some((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && tests.some((t) => t(String(v).toLowerCase())));
    },
  };
}

/** The first active exception of `ruleId` matching one of `events`, if any. */
export function suppressingException(matchers: readonly ExceptionMatcher[], ruleId: string, events: readonly ExceptionViews[], now: number): DetectionException | undefined {
  for (const m of matchers) {
    const e = m.exception;
    if (e.ruleId !== null && e.ruleId !== ruleId) continue;
    if (e.expiresAt !== null && e.expiresAt <= now) continue;
    if (events.some((ev) => m.matches(ev))) return e;
  }
  return undefined;
}
