import { parseSigmaYaml } from '@soc/sigma';
import { flatLaneDocuments } from './flat-lane';

const YAML = `
title: Windows whoami
id: 0d000000-0000-4000-8000-000000000001
name: win_whoami
logsource: { category: process_creation, product: windows }
detection: { sel: { Image|endswith: '\\whoami.exe' }, condition: sel }
---
title: Zeek RDP from outside
id: 0d000000-0000-4000-8000-000000000002
logsource: { product: zeek, service: rdp }
detection: { sel: { id.orig_h|cidr: 10.0.0.0/8 }, condition: not sel }
---
title: CloudTrail console login without MFA
id: 0d000000-0000-4000-8000-000000000003
name: aws_login
logsource: { product: aws, service: cloudtrail }
detection: { sel: { eventName: ConsoleLogin, additionalEventData.MFAUsed: 'No' }, condition: sel }
---
title: Whoami burst
id: 0d000000-0000-4000-8000-000000000004
name: whoami_burst
correlation: { type: event_count, rules: [win_whoami], timespan: 5m, condition: { gte: 3 } }
---
title: Burst of bursts
id: 0d000000-0000-4000-8000-000000000005
correlation: { type: event_count, rules: [whoami_burst], timespan: 1h, condition: { gte: 2 } }
---
title: Login burst
id: 0d000000-0000-4000-8000-000000000006
correlation: { type: event_count, rules: [aws_login], group-by: [userIdentity.arn], timespan: 5m, condition: { gte: 2 } }
`;

describe('flatLaneDocuments (auto mapping, flat JSON events)', () => {
  it('leaves out Windows rules, rules matching an empty event, and correlations over them (chains too)', () => {
    const docs = parseSigmaYaml(YAML, 'mixed.yml');
    expect(docs.errors).toEqual([]);
    const { documents, unanchored } = flatLaneDocuments([docs]);
    expect(documents.flatMap((d) => d.rules.map((r) => r.title))).toEqual(['CloudTrail console login without MFA']);
    expect(documents.flatMap((d) => d.correlations.map((c) => c.title))).toEqual(['Login burst']);
    expect(unanchored).toBe(1);
    // The input is not changed: the Windows lane still compiles everything.
    expect(docs.rules).toHaveLength(3);
    expect(docs.correlations).toHaveLength(3);
  });
});
