import { asArray, asBoolean, asNumber, asRecord, asString } from './field-readers';
import { isEmail } from './email';
import { parseJsonish } from './json-text';
import { canonicalKeys, keyCanon } from './key-canon';
import { buildLocation } from './location';
import { guarded, unmappable } from './never-throw';
import { UNKNOWN } from './placeholder';
import { finishEvent } from './resource-observables';
import type { OcsfEvent } from '../mapper';

describe('field readers', () => {
  it('return undefined for values of the wrong shape', () => {
    expect(asRecord([1])).toBeUndefined();
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
    expect(asString('  ')).toBeUndefined();
    expect(asString(7)).toBe('7');
    expect(asString({})).toBeUndefined();
    expect(asArray(undefined)).toEqual([]);
    expect(asArray('x')).toEqual(['x']);
    expect(asNumber('12.5')).toBe(12.5);
    expect(asNumber('abc')).toBeUndefined();
    expect(asBoolean('TRUE')).toBe(true);
    expect(asBoolean('yes')).toBeUndefined();
  });
});

describe('parseJsonish', () => {
  it('parses JSON object/array text and leaves anything else alone', () => {
    expect(parseJsonish('[{"Name":"a","Value":"b"}]')).toEqual([{ Name: 'a', Value: 'b' }]);
    expect(parseJsonish('{broken')).toBe('{broken');
    expect(parseJsonish('plain')).toBe('plain');
    expect(parseJsonish(3)).toBe(3);
  });
});

describe('canonicalKeys', () => {
  it('restores known spellings recursively; a canonical key already present wins', () => {
    const canon = keyCanon(['eventName', 'userIdentity', 'type']);
    expect(canonicalKeys({ eventname: 'A', useridentity: { TYPE: 'IAMUser' }, other: 1 }, canon)).toEqual({ eventName: 'A', userIdentity: { type: 'IAMUser' }, other: 1 });
    expect(canonicalKeys({ eventName: 'kept', eventname: 'twin' }, canon)).toEqual({ eventName: 'kept', eventname: 'twin' });
  });
});

describe('buildLocation and isEmail', () => {
  it('needs a place name, not just coordinates', () => {
    expect(buildLocation({ lat: 1, long: 2 })).toBeUndefined();
    expect(buildLocation({ country: 'US', lat: 1 })).toEqual({ country: 'US', lat: 1 });
  });
  it('accepts only addresses email_t accepts', () => {
    expect(isEmail('ada@contoso.com')).toBe(true);
    expect(isEmail('ServicePrincipal_abc')).toBe(false);
    expect(isEmail('homer@localhost')).toBe(false);
  });
});

describe('guarded', () => {
  it('turns a throw into a rejection naming the source', () => {
    expect(guarded('demo', () => { throw new Error('boom'); })).toEqual({ ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE', reason: 'demo mapper failed on this record: boom' });
    expect(unmappable('why')).toEqual({ ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE', reason: 'why' });
  });
});

describe('finishEvent', () => {
  it('adds resource observables once and drops the unknown placeholder', () => {
    const event = {
      class_uid: 6003, category_uid: 6, activity_id: 1, type_uid: 600301, severity_id: 1, time: 0, metadata: {},
      resources: [{ uid: 'r-1', name: 'bucket' }, { uid: 'r-1' }],
      observables: [{ name: 'actor.user.name', type_id: 4, type: 'User Name', value: UNKNOWN }],
    } as OcsfEvent;
    expect(finishEvent(event)['observables']).toEqual([
      { name: 'resources.uid', type_id: 10, type: 'Resource UID', value: 'r-1' },
      { name: 'resources.name', type_id: 38, type: 'Resource Details: name', value: 'bucket' },
    ]);
  });
});
