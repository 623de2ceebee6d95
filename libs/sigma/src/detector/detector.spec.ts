import { ocsfFieldMapping } from '../mapping/ocsf-mapping';
import { windowsFieldMapping } from '../mapping/windows-mapping';
import { parseSigmaYaml } from '../rule/parse';
import { SigmaDetector } from './detector';

const WHOAMI = `
title: Whoami Execution
id: 11111111-1111-4111-8111-111111111111
name: whoami_exec
status: test
level: medium
logsource: { category: process_creation, product: windows }
detection:
  selection: { Image|endswith: '\\whoami.exe' }
  condition: selection
`;
const BURST = `
title: Whoami Burst
id: 22222222-2222-4222-8222-222222222222
status: test
level: high
correlation:
  type: event_count
  rules: [whoami_exec]
  group-by: [User]
  timespan: 5m
  condition: { gte: 3 }
`;

const sysmon = (user: string) => ({
  Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: { Image: 'C:\\Windows\\System32\\whoami.exe', User: user } },
});
const ocsf = (user: string) => ({ class_uid: 1007, activity_id: 1, process: { file: { path: 'C:\\Windows\\System32\\whoami.exe' } }, actor: { user: { name: user } } });

function build(yaml: string) {
  return SigmaDetector.build([parseSigmaYaml(yaml, 'test.yml')], { primary: windowsFieldMapping, secondary: ocsfFieldMapping });
}

describe('SigmaDetector', () => {
  it('evaluates a rule on the native view when present, else on the OCSF view, never both', () => {
    const { detector, problems } = build(WHOAMI);
    expect(problems.errors).toEqual([]);
    const both = detector.evaluate({ native: sysmon('alice'), ocsf: ocsf('alice') }, 1000);
    expect(both.hits.map((h) => [h.rule.title, h.view])).toEqual([['Whoami Execution', 'native']]);
    const onlyOcsf = detector.evaluate({ ocsf: ocsf('alice') }, 2000);
    expect(onlyOcsf.hits.map((h) => h.view)).toEqual(['ocsf']);
    expect(detector.evaluate({ ocsf: { ...ocsf('alice'), class_uid: 3002 } }, 3000).hits).toEqual([]);
  });

  it('feeds base matches to correlations and keeps generate: false base rules silent', () => {
    const { detector, problems } = build(`${WHOAMI}---${BURST}`);
    expect(problems.errors).toEqual([]);
    const alerts = [];
    let hits = 0;
    for (let i = 0; i < 3; i++) {
      const out = detector.evaluate({ native: sysmon('bob') }, 10_000 + i * 1000);
      hits += out.hits.filter((h) => !h.silent).length;
      alerts.push(...out.correlations);
    }
    alerts.push(...detector.advance(10_000 + 6 * 60_000));
    expect(hits).toBe(0);
    expect(alerts.map((a) => [a.rule.title, a.group['User'], a.eventCount])).toEqual([['Whoami Burst', 'bob', 3]]);
  });

  it('continues a correlation from a snapshot taken mid-burst', () => {
    const a = build(`${WHOAMI}---${BURST}`).detector;
    a.evaluate({ native: sysmon('carol') }, 1000);
    a.evaluate({ native: sysmon('carol') }, 2000);
    const b = build(`${WHOAMI}---${BURST}`).detector;
    b.restore(JSON.parse(JSON.stringify(a.snapshot())));
    const out = [...b.evaluate({ native: sysmon('carol') }, 3000).correlations, ...b.advance(3000 + 6 * 60_000)];
    expect(out.map((x) => x.eventCount)).toEqual([3]);
  });

  it('reports rules that fail to compile and keeps the others', () => {
    const bad = WHOAMI.replace('Image|endswith', 'Image|nosuchmod').replace('11111111-1111-4111-8111-111111111111', '33333333-3333-4333-8333-333333333333').replace('name: whoami_exec', 'name: other');
    const { detector, problems } = build(`${WHOAMI}---${bad}`);
    expect(problems.errors.length).toBe(1);
    expect(detector.evaluate({ native: sysmon('dan') }, 1).hits.length).toBe(1);
  });
});

describe('SigmaDetector event ids', () => {
  it('carries the event id of every match into correlation evidence, across a snapshot', () => {
    const a = build(`${WHOAMI}---${BURST}`).detector;
    a.evaluate({ native: sysmon('erin') }, 1000, 'ev-1');
    const b = build(`${WHOAMI}---${BURST}`).detector;
    b.restore(JSON.parse(JSON.stringify(a.snapshot())));
    b.evaluate({ native: sysmon('erin') }, 2000, 'ev-2');
    const [alert] = b.evaluate({ native: sysmon('erin') }, 3000, 'ev-3').correlations;
    expect(alert?.evidence.map((e) => e.eventId)).toEqual(['ev-1', 'ev-2', 'ev-3']);
  });
});

describe('SigmaDetector with a broken correlation', () => {
  it('reports a correlation whose rule is missing and keeps every other rule and correlation', () => {
    const orphan = BURST.replace('22222222-2222-4222-8222-222222222222', '44444444-4444-4444-8444-444444444444').replace('rules: [whoami_exec]', 'rules: [no_such_rule]');
    const { detector, problems } = build(`${WHOAMI}---${BURST}---${orphan}`);
    expect(problems.errors.map((e) => e.details?.['reason'])).toEqual(['unknown-rule']);
    expect(detector.correlationRules.map((c) => c.id)).toEqual(['22222222-2222-4222-8222-222222222222']);
  });
});
