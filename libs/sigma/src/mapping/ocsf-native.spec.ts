import { ocsfFieldMapping } from './ocsf-mapping';

describe('native OCSF logsources (product: ocsf)', () => {
  it('selects a class by its schema name or caption and renames nothing', () => {
    expect(ocsfFieldMapping.variants({ product: 'ocsf', category: 'api_activity' })).toEqual([expect.objectContaining({ conditions: [{ field: 'class_uid', values: [6003] }], fieldRenames: {} })]);
    expect(ocsfFieldMapping.variants({ product: 'ocsf', category: 'file_system_activity' })?.[0]?.conditions).toEqual([{ field: 'class_uid', values: [1001] }]);
    expect(ocsfFieldMapping.variants({ product: 'ocsf', category: 'file_activity' })?.[0]?.conditions).toEqual([{ field: 'class_uid', values: [1001] }]);
  });

  it('covers every event without a category and nothing for an unknown class', () => {
    expect(ocsfFieldMapping.variants({ product: 'ocsf' })).toEqual([expect.objectContaining({ conditions: [] })]);
    expect(ocsfFieldMapping.variants({ product: 'ocsf', category: 'no_such_class' })).toBeUndefined();
  });
});
