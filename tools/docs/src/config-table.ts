import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeEnv } from '@soc/config';
import { STACK_ENV } from '@soc/stack';

export const README = resolve(__dirname, '../../../README.md');
const START = '<!-- config-table:start -->';
const END = '<!-- config-table:end -->';

/** README text with the configuration table regenerated from the stack's env spec. */
export function withConfigTable(readme: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md lacks the config-table markers');
  return `${readme.slice(0, a + START.length)}\n${describeEnv(STACK_ENV)}\n${readme.slice(b)}`;
}

if (require.main === module) {
  writeFileSync(README, withConfigTable(readFileSync(README, 'utf8')));
  console.log('README.md configuration table updated');
}
