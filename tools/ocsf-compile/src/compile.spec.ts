import { readFileSync } from 'node:fs';
import { compileOcsf } from './compile';
import { OCSF_SOURCE_DIR, artifactPaths } from './paths';

describe('ocsf-compile', () => {
  const out = compileOcsf(OCSF_SOURCE_DIR);
  const schema = JSON.parse(out.schemaJson) as { $defs: Record<string, Record<string, unknown>> };
  const meta = JSON.parse(out.metaJson) as {
    classes: Record<string, { name: string; category_uid: number; activities: Record<string, string>; required: string[] }>;
    objects: Record<string, Record<string, Record<string, string>>>;
    observable_types: Record<string, string>;
  };

  it('re-compiling produces exactly the committed artifacts (they cannot go stale)', () => {
    const paths = artifactPaths(out.version);
    expect(out.version).toBe('1.8.0');
    expect(readFileSync(paths.schema, 'utf8')).toBe(out.schemaJson);
    expect(readFileSync(paths.meta, 'utf8')).toBe(out.metaJson);
  });

  it('emits every class the pipeline needs, with extension uids composed', () => {
    for (const uid of [0, 1001, 1005, 1007, 2004, 3001, 3002, 3006, 4001, 4002, 4003, 6003, 201001, 201002]) {
      expect(schema.$defs[`class_${uid}`]).toBeDefined();
    }
    expect(meta.classes['201002']?.name).toBe('registry_value_activity');
    expect(meta.classes['3002']?.category_uid).toBe(3);
  });

  it('resolves inheritance, profiles and enums', () => {
    expect(meta.classes['3002']?.activities).toMatchObject({ '0': 'Unknown', '1': 'Logon', '7': 'Account Switch', '99': 'Other' });
    // base_event's required attributes flow down; profile-only attributes (cloud) stay optional
    expect(meta.classes['1007']?.required).toEqual(
      expect.arrayContaining(['activity_id', 'actor', 'class_uid', 'device', 'metadata', 'process', 'severity_id', 'time', 'type_uid']),
    );
    expect(meta.classes['1007']?.required).not.toContain('cloud');
    const cls = schema.$defs['class_1007'] as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(cls.additionalProperties).toBe(false);
    expect(cls.properties['cloud']).toEqual({ $ref: '#/$defs/object_cloud' });
    expect(cls.properties['time_dt']).toEqual({ $ref: '#/$defs/type_datetime_t' });
    expect(cls.properties['unmapped']).toEqual({ type: 'object' });
    expect(cls.properties['type_uid']).toEqual({ enum: [100700, 100701, 100702, 100703, 100704, 100705, 100799] });
  });

  it('uses $ref for recursive objects and merges extension patches', () => {
    const proc = schema.$defs['object_process'] as { properties: Record<string, unknown> };
    expect(proc.properties['parent_process']).toEqual({ $ref: '#/$defs/object_process' });
    expect(proc.properties['hosted_services']).toBeDefined();
    expect(meta.objects['process']?.['integrity_id']?.['4']).toBe('High');
  });

  it('derives observable type ids from the whole schema', () => {
    expect(meta.observable_types).toMatchObject({ '1': 'Hostname', '2': 'IP Address', '4': 'User Name', '8': 'Hash', '9': 'Process Name', '28': 'Registry Key' });
  });

  it('derives scalar types with their base type and constraints', () => {
    expect(schema.$defs['type_port_t']).toEqual({ type: 'integer', minimum: 0, maximum: 65535 });
    expect(schema.$defs['type_timestamp_t']).toEqual({ type: 'integer' });
    expect(schema.$defs['type_mac_t']).toMatchObject({ type: 'string', maxLength: 32 });
    expect(schema.$defs['type_json_t']).toEqual({});
  });
});
