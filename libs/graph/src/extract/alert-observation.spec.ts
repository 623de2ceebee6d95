import type { AlertEntity } from '@soc/contracts';
import { alertObservation } from './alert-observation';

const alert = (entities: [string, string][], suppressedBy?: string) => ({
  entities: entities.map(([type, value]) => ({ type, value, path: 'x' }) as AlertEntity),
  lastSeen: 1000,
  ...(suppressedBy ? { suppressedBy } : {}),
});

describe('alertObservation', () => {
  it('names every entity of the alert and joins each pair once, in key order', () => {
    const o = alertObservation(alert([['user', 'Alice'], ['host', 'WS-17.corp.example'], ['user', 'alice']]), 'a-1');
    expect(o?.entities).toEqual([{ type: 'user', value: 'alice' }, { type: 'host', value: 'ws-17' }]);
    expect(o?.edges).toEqual([{ from: { type: 'host', value: 'ws-17' }, rel: 'alerted_with', to: { type: 'user', value: 'alice' } }]);
    expect(o).toMatchObject({ time: 1000, evidence: 'alert:a-1' });
  });

  it('joins at most the first 8 entities (28 pairs) however many the alert names', () => {
    const o = alertObservation(alert(Array.from({ length: 40 }, (_, i) => ['ip', `10.0.0.${i}`] as [string, string])), 'a-2');
    expect(o?.entities).toHaveLength(40);
    expect(o?.edges).toHaveLength(28);
  });

  it('adds nothing for a suppressed alert or one without entities', () => {
    expect(alertObservation(alert([['user', 'bob']], 'exc-1'), 'a-3')).toBeUndefined();
    expect(alertObservation(alert([]), 'a-4')).toBeUndefined();
  });
});
