import { parseArgs } from 'node:util';
import { CHAIN_NAMES, type ChainName } from './chains/chain';
import { writeScenario } from './writer';

// CLI: npm run scenario -- --seed 42 --hours 8 --out ./out [--users 40] [--start ISO] [--chains identity,cloud|all|none]
function main(): void {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '42' },
      hours: { type: 'string', default: '8' },
      users: { type: 'string', default: '40' },
      start: { type: 'string', default: '2026-03-02T13:00:00Z' },
      chains: { type: 'string', default: 'all' },
      out: { type: 'string', default: './out' },
    },
  });
  const chains: ChainName[] | 'all' = values.chains === 'all' ? 'all' : values.chains === 'none' ? [] : (values.chains.split(',') as ChainName[]);
  const started = process.hrtime.bigint();
  const summary = writeScenario({ seed: Number(values.seed), hours: Number(values.hours), users: Number(values.users), start: new Date(values.start), chains }, values.out);
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  for (const [source, n] of Object.entries(summary.records)) console.log(`${source.padEnd(16)} ${String(n).padStart(8)}`);
  console.log(`${'total'.padEnd(16)} ${String(summary.total).padStart(8)}`);
  console.log(`${'labelled'.padEnd(16)} ${String(summary.labels).padStart(8)}  (${((100 * summary.labels) / Math.max(1, summary.total)).toFixed(2)}%)`);
  console.log(`chains: ${chains === 'all' ? CHAIN_NAMES.join(', ') : chains.join(', ') || 'none'}`);
  console.log(`wrote ${values.out} in ${secs.toFixed(2)} s (${Math.round(summary.total / secs)} events/s)`);
}

main();
