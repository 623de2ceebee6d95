import { BlockList, isIP } from 'node:net';

/** How an exception compares an event field with its value. */
export type ExceptionOp = 'eq' | 'contains' | 'startswith' | 'endswith' | 'cidr';

/**
 * An analyst's exception: alerts of `ruleId` (or of every rule when null) whose event has
 * `field` (an OCSF path) matching `value` are kept but marked suppressed, never dropped.
 */
export interface DetectionException {
  id: string;
  ruleId: string | null;
  field: string;
  op: ExceptionOp;
  value: string;
  /** Ms since epoch; an expired exception no longer applies. */
  expiresAt: number | null;
}

/** A compiled exception: the test over one OCSF event. */
export interface ExceptionMatcher {
  readonly exception: DetectionException;
  matches(event: Readonly<Record<string, unknown>>): boolean;
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

/** Compiles an exception; string comparisons are case-insensitive, as Sigma's are. */
export function compileException(exception: DetectionException): ExceptionMatcher {
  const segs = exception.field.split('.');
  const test = exception.op === 'cidr' ? cidrTest(exception.value) : stringTest(exception.op, exception.value);
  return {
    exception,
    matches(event) {
      const found: unknown[] = [];
      valuesAt(event, segs, 0, found);
      return found.some((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && test(String(v).toLowerCase()));
    },
  };
}

/** The first active exception of `ruleId` matching one of `events`, if any. */
export function suppressingException(matchers: readonly ExceptionMatcher[], ruleId: string, events: readonly Readonly<Record<string, unknown>>[], now: number): DetectionException | undefined {
  for (const m of matchers) {
    const e = m.exception;
    if (e.ruleId !== null && e.ruleId !== ruleId) continue;
    if (e.expiresAt !== null && e.expiresAt <= now) continue;
    if (events.some((ev) => m.matches(ev))) return e;
  }
  return undefined;
}
