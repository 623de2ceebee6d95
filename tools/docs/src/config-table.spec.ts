import { readFileSync } from 'node:fs';
import { README, withConfigTable } from './config-table';

describe('README configuration table', () => {
  it('matches the stack env spec (run `npm run docs:config` after changing it)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withConfigTable(readme)).toBe(readme);
  });
});
