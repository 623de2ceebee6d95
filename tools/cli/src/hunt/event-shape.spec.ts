import { eventKind } from './event-kind';
import { EventClock, readEventTime } from './event-time';

describe('eventKind (--mapping auto)', () => {
  it('classifies the layouts the mappings read', () => {
    expect(eventKind({ Event: { System: { EventID: 1 } } })).toBe('windows');
    expect(eventKind({ winlog: { event_id: 4688 }, '@timestamp': 'x' })).toBe('windows');
    expect(eventKind({ EventID: 4624, Channel: 'Security' })).toBe('windows');
    expect(eventKind({ EventID: 1, SourceName: 'Microsoft-Windows-Sysmon' })).toBe('windows');
    expect(eventKind({ class_uid: 1007, time: 1 })).toBe('ocsf');
    expect(eventKind({ EventID: 7, message: 'not windows' })).toBe('flat');
    expect(eventKind({ Event: 'a string' })).toBe('flat');
  });
});

describe('event time', () => {
  it('reads evtx_dump SystemTime first, then the top-level time fields', () => {
    const evtx = { Event: { System: { TimeCreated: { '#attributes': { SystemTime: '2025-10-24T23:34:34.640670Z' } } } }, '@timestamp': '2000-01-01T00:00:00Z' };
    expect(readEventTime(evtx)).toBe(Date.parse('2025-10-24T23:34:34.640Z'));
    expect(readEventTime({ '@timestamp': '2020-10-22T02:57:56.178Z' })).toBe(Date.parse('2020-10-22T02:57:56.178Z'));
    expect(readEventTime({ time: 1_700_000_000_123 })).toBe(1_700_000_000_123);
    expect(readEventTime({ time: 1_700_000_000 })).toBe(1_700_000_000_000);
    expect(readEventTime({ TimeCreated: '2021-01-01T00:00:00Z' })).toBe(Date.parse('2021-01-01T00:00:00Z'));
    expect(readEventTime({ time: 'not a time', timestamp: '2021-01-01T00:00:01Z' })).toBe(Date.parse('2021-01-01T00:00:01Z'));
    expect(readEventTime({ message: 'x' })).toBeUndefined();
  });

  it('carries the previous time forward for an event without one', () => {
    const clock = new EventClock();
    expect(clock.timeOf({})).toBe(0);
    expect(clock.timeOf({ time: 5_000_000_000_000 })).toBe(5_000_000_000_000);
    expect(clock.timeOf({ message: 'no time' })).toBe(5_000_000_000_000);
  });
});
