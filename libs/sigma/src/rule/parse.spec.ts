import { SOC_ERR_SIGMA_CONDITION_INVALID, SOC_ERR_SIGMA_RULE_INVALID } from '../errors';
import { compileRule } from './compile';
import { flatFieldMapping } from './flat-mapping';
import { parseSigmaYaml } from './parse';

const RULE = `title: Whoami Execution
id: 929a690e-bef0-4204-a928-ef5e620d6fcc
name: whoami_exec
status: test
level: high
author: someone
description: Detects whoami
date: 2019-10-23
modified: 2024-01-02
tags: [attack.discovery, attack.t1033]
references: [https://example.org]
falsepositives: [Admins]
fields: [CommandLine]
related:
  - id: 08fbc97d-0a2f-491c-ae21-8ffcfd3174e9
    type: derived
logsource:
  category: process_creation
  product: windows
detection:
  selection:
    Image|endswith: '\\whoami.exe'
  condition: selection
`;

describe('parseSigmaYaml', () => {
  it('reads every metadata field of a valid rule', () => {
    const docs = parseSigmaYaml(RULE, 'rules/whoami.yml');
    expect(docs.errors).toEqual([]);
    expect(docs.rules[0]).toMatchObject({
      kind: 'rule',
      id: '929a690e-bef0-4204-a928-ef5e620d6fcc',
      name: 'whoami_exec',
      title: 'Whoami Execution',
      status: 'test',
      level: 'high',
      date: '2019-10-23',
      tags: ['attack.discovery', 'attack.t1033'],
      related: [{ id: '08fbc97d-0a2f-491c-ae21-8ffcfd3174e9', type: 'derived' }],
      logsource: { category: 'process_creation', product: 'windows' },
      file: 'rules/whoami.yml',
      index: 0,
      falsepositives: ['Admins'],
      fields: ['CommandLine'],
    });
    expect(docs.rules[0]?.detection.conditionText).toEqual(['selection']);
  });

  it('names the rule (id, else title, else document N), the file, the path and the reason', () => {
    const bad = RULE.replace('level: high', 'level: severe');
    const [e] = parseSigmaYaml(bad, 'x.yml').errors;
    expect(e?.code).toBe(SOC_ERR_SIGMA_RULE_INVALID);
    expect(e?.details).toMatchObject({ rule: '929a690e-bef0-4204-a928-ef5e620d6fcc', file: 'x.yml', path: 'level', reason: 'bad-level' });
    expect(e?.message).toContain('x.yml');
    const noId = parseSigmaYaml(bad.replace(/^id: .*$/m, ''), 'x.yml').errors[0];
    expect(noId?.details?.['rule']).toBe('Whoami Execution');
    const nothing = parseSigmaYaml('---\nlogsource: {}\n', 'x.yml').errors[0];
    expect(nothing?.details).toMatchObject({ rule: '<document 1>', reason: 'missing-title' });
    const cond = parseSigmaYaml(RULE.replace('condition: selection', 'condition: selection and other'), 'x.yml').errors[0];
    expect(cond?.code).toBe(SOC_ERR_SIGMA_CONDITION_INVALID);
    expect(cond?.details).toMatchObject({ path: 'detection.condition', reason: 'unknown-identifier' });
    expect(cond?.message).toContain("'other'");
  });

  it.each([
    ['id: not-a-uuid', /^id: .*$/m, 'bad-id'],
    ['status: beta', /^status: .*$/m, 'bad-status'],
    ['date: 2019/10/23', /^date: .*$/m, 'bad-date'],
    ['tags: [Attack T1033]', /^tags: .*$/m, 'bad-tag'],
    ['references: https://x', /^references: .*$/m, 'bad-references'],
    ['logsource: windows', /^logsource:\n( {2}.*\n)+/m, 'bad-logsource'],
    ['title: 5', /^title: .*$/m, 'bad-title'],
    ['related: [{id: x, type: derived}]', /^related:\n( {2}.*\n)+/m, 'bad-related'],
  ])('refuses %s', (line, re, reason) => {
    const docs = parseSigmaYaml(RULE.replace(re, `${line}\n`), 'x.yml');
    expect(docs.rules).toHaveLength(0);
    expect(docs.errors.map((e) => e.details?.['reason'])).toContain(reason);
  });

  it('refuses documents without logsource or detection, and invalid YAML', () => {
    expect(parseSigmaYaml('title: t\ndetection: {sel: {A: 1}, condition: sel}\n').errors[0]?.details?.['reason']).toBe('missing-logsource');
    expect(parseSigmaYaml('title: t\nlogsource: {product: x}\n').errors[0]?.details?.['reason']).toBe('missing-detection');
    expect(parseSigmaYaml('title: t\ntitle: u\n').errors[0]?.details?.['reason']).toBe('duplicate-key');
    expect(parseSigmaYaml('title: [unclosed\n').errors[0]?.details?.['reason']).toBe('yaml-syntax');
    expect(parseSigmaYaml('- a\n- b\n').errors[0]?.details?.['reason']).toBe('not-a-map');
    expect(parseSigmaYaml('action: global\ntitle: t\n').errors[0]?.details?.['reason']).toBe('unsupported-action');
  });

  it('reads multi-document files; a bad document does not stop the others', () => {
    const text = `${RULE}---\ntitle: broken\nlogsource: {product: x}\ndetection: {condition: sel}\n---\n${RULE.replace('929a690e', '0000000a')}`;
    const docs = parseSigmaYaml(text, 'multi.yml');
    expect(docs.rules.map((r) => r.index)).toEqual([0, 2]);
    expect(docs.errors).toHaveLength(1);
    expect(docs.errors[0]?.details).toMatchObject({ rule: 'broken', reason: 'unknown-identifier' });
  });

  it('sorts filters and correlations from rules', () => {
    const text = `${RULE}---
title: Filter admins
logsource: {category: process_creation, product: windows}
filter:
  rules: [929a690e-bef0-4204-a928-ef5e620d6fcc]
  selection:
    User|startswith: adm_
  condition: not selection
---
title: Many whoami
id: 5c4f0c5e-8c5e-4b7e-9a9a-2b5b3f8f0b1a
correlation:
  type: event_count
  rules: [whoami_exec]
  group-by: [Computer]
  timespan: 1h
  condition: {gte: 10}
level: high
`;
    const docs = parseSigmaYaml(text, 'mixed.yml');
    expect(docs.errors).toEqual([]);
    expect(docs.filters).toHaveLength(1);
    expect(docs.filters[0]).toMatchObject({ kind: 'filter', title: 'Filter admins', rules: ['929a690e-bef0-4204-a928-ef5e620d6fcc'], index: 1 });
    expect(docs.correlations[0]).toMatchObject({ kind: 'correlation', id: '5c4f0c5e-8c5e-4b7e-9a9a-2b5b3f8f0b1a', level: 'high', index: 2, file: 'mixed.yml' });
    expect(docs.correlations[0]?.raw['correlation']).toMatchObject({ type: 'event_count', timespan: '1h' });
  });
});

describe('filters applied by compileRule', () => {
  const docs = parseSigmaYaml(`${RULE}---
title: Filter admins
logsource: {category: process_creation, product: windows}
filter:
  rules: [whoami_exec]
  selection:
    User|startswith: adm_
  condition: not selection
---
title: Filter for another logsource
logsource: {category: file_event}
filter:
  rules: any
  selection:
    User: bob
  condition: not selection
`);
  const rule = docs.rules[0];
  if (!rule) throw new Error('rule missing');

  it('ANDs the filter condition onto the rules it names and whose logsource it covers', () => {
    const c = compileRule(rule, { mapping: flatFieldMapping, filters: docs.filters });
    expect(c.filters.map((f) => f.title)).toEqual(['Filter admins']);
    expect(c.matches({ Image: 'C:\\w\\whoami.exe', User: 'bob' })).toBe(true);
    expect(c.matches({ Image: 'C:\\w\\whoami.exe', User: 'ADM_bob' })).toBe(false);
    expect(compileRule(rule, { mapping: flatFieldMapping }).matches({ Image: 'C:\\w\\whoami.exe', User: 'adm_bob' })).toBe(true);
  });
});
