import { RuleSet } from '@soc/sigma';
import { loadEvtxEvents, loadWindowsRules, sigmaCorporaAvailable } from './sigma-corpus';
import { checkEquivalence, compilePack, IndexMismatchError, timeEvaluation, topRules, type Equivalence } from './sigma-core';

// The bench's own guard, run small so CI keeps it: the SigmaHQ Security rules (they fire on
// this data), the keyword-only Mimikatz rule and every 36th other Windows rule,
// over every 4th EVTX-to-MITRE-Attack event.
const run = sigmaCorporaAvailable() ? describe : describe.skip;

run('bench:sigma core on a sample', () => {
  const rules = loadWindowsRules(undefined, (file, i) => file.includes('builtin/security/') || file.includes('mimikatz_keywords') || i % 36 === 0);
  const events = loadEvtxEvents().events.filter((_, i) => i % 4 === 0);
  const pack = compilePack(rules.rules);
  // Rule-by-rule against the index once; the specs below read its result.
  let eq: Equivalence | undefined;
  const equivalence = (): Equivalence => (eq ??= checkEquivalence(pack.compiled, pack.set, events));

  it('loads a sample of a few hundred rules and about two thousand events', () => {
    expect(rules.refused).toEqual([]);
    expect(pack.compiled.length).toBeGreaterThanOrEqual(200);
    expect(events.length).toBeGreaterThan(2000);
    // The keyword-only rule (no field to file it under) must be in the sample.
    expect(pack.compiled.some((r) => r.rule.title === 'Mimikatz Use')).toBe(true);
  });

  it('finds through the index exactly the rules that rule-by-rule evaluation finds, and counts them alike when replicated', () => {
    const eq = equivalence();
    expect(eq.matches).toBeGreaterThan(50);
    expect(eq.perRule.size).toBeGreaterThan(10);
    expect(topRules(eq.perRule, 10)[0]?.matches).toBeGreaterThanOrEqual(5);
    const timed = timeEvaluation(pack.set, events, events.length * 2 + 7, eq);
    expect(timed.matches).toBe(eq.matches * 2 + [...eq.perEvent.slice(0, 7)].reduce((a, b) => a + b, 0));
  });

  it('fails loudly when the index would drop a rule that matches', () => {
    const eq = equivalence();
    const busiest = topRules(eq.perRule, 1)[0]?.rule;
    const missing = new RuleSet(pack.compiled.filter((r) => (r.rule.id ?? r.rule.title) !== busiest));
    expect(() => checkEquivalence(pack.compiled, missing, events)).toThrow(IndexMismatchError);
    expect(() => timeEvaluation(missing, events, events.length, eq)).toThrow(IndexMismatchError);
  });
});
