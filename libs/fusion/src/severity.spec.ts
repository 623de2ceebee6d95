import { caseSeverity, orderTactics } from './severity';

describe('orderTactics', () => {
  it('orders distinct tactics by the ATT&CK kill chain, unknown ones last by name', () => {
    expect(orderTactics(['exfiltration', 'initial-access', 'zz-custom', 'execution', 'initial-access', 'aa-custom', 'credential-access'])).toEqual([
      'initial-access',
      'execution',
      'credential-access',
      'exfiltration',
      'aa-custom',
      'zz-custom',
    ]);
  });
});

describe('caseSeverity', () => {
  it('keeps a single-stage case at its highest alert level', () => {
    expect(caseSeverity(['low', 'medium'], ['execution']).severity).toBe('medium');
    expect(caseSeverity(['low'], []).severity).toBe('low');
  });

  it('raises one step for a multi-stage case in early stages', () => {
    const s = caseSeverity(['medium', 'medium', 'low'], ['initial-access', 'execution', 'persistence']);
    expect(s.severity).toBe('high');
    expect(s.reasons).toEqual(['highest alert level medium', '3 kill-chain stages']);
  });

  it('raises once more when the case reaches lateral movement or later', () => {
    const s = caseSeverity(['medium'], ['initial-access', 'credential-access', 'exfiltration']);
    expect(s.severity).toBe('critical');
    expect(s.reasons).toContain('reached exfiltration');
    expect(caseSeverity(['low'], ['credential-access', 'lateral-movement']).severity).toBe('medium');
  });

  it('does not count unknown tactics as progress and caps at critical', () => {
    expect(caseSeverity(['medium'], ['made-up-1', 'made-up-2', 'made-up-3']).severity).toBe('medium');
    expect(caseSeverity(['critical'], ['initial-access', 'execution', 'impact']).severity).toBe('critical');
  });
});
