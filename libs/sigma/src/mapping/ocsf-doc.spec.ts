import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOC_BEGIN, DOC_END, renderOcsfMappingTables } from './ocsf-doc';

const DOC = path.resolve(__dirname, '../../../../docs/sigma-ocsf-mapping.md');

describe('docs/sigma-ocsf-mapping.md', () => {
  it('holds exactly the tables generated from the mapping data', () => {
    const text = readFileSync(DOC, 'utf8');
    const start = text.indexOf(DOC_BEGIN);
    const end = text.indexOf(DOC_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    // On failure: print renderOcsfMappingTables() and paste it between the markers.
    expect(text.slice(start, end + DOC_END.length)).toBe(renderOcsfMappingTables());
  });

  it('lists every variant and field of the mapping', () => {
    const tables = renderOcsfMappingTables();
    expect(tables).toContain('| category: process_creation | process_creation-1007 | 1007 Process Activity |');
    expect(tables).toContain('| `Image` | `process.file.path` |');
    expect(tables).toContain('| `eventSource` | `api.service.name\\|metadata.log_provider` |');
  });
});
