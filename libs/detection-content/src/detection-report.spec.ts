import { detectionReport, type DetectionReport } from './detection-report';
import { loadRuleSet } from './rule-set';
import { mappedScenario } from './scenario-events';

/** Chain steps the starter pack has rules for (every step of the three chains it covers). */
const COVERED: Record<string, number[]> = {
  identity: [1, 2, 3, 4, 5],
  endpoint: [1, 2, 3, 4, 5, 6],
  cloud: [1, 2, 3, 4, 5],
};

function table(r: DetectionReport): string {
  const rows = r.scores.map((s) => `${s.file.padEnd(46)} ${s.kind === 'correlation' ? 'C' : ' '} TP ${String(s.truePositives).padStart(3)}  FP ${String(s.falsePositives).padStart(3)} (benign ${s.benignFalsePositives})  steps ${s.steps.join(',') || '-'}  ${s.title}`);
  return [`${r.events} events`, ...rows].join('\n');
}

describe('starter rules over a full scenario (seed 42, 24 h, all chains)', () => {
  let report: DetectionReport;
  beforeAll(() => {
    report = detectionReport(loadRuleSet(), mappedScenario());
    // The table is the point of this spec: print it so a run shows per-rule numbers.
    process.stdout.write(`${table(report)}\n`);
  }, 120_000);

  it.each(Object.entries(COVERED))('detects every step of the %s chain', (chain, steps) => {
    expect([...(report.detected.get(chain) ?? [])].sort((a, b) => a - b)).toEqual(steps);
  });

  it('every alerting rule fires on its chain', () => {
    expect(report.scores.filter((s) => s.truePositives === 0).map((s) => `${s.file}: ${s.title}`)).toEqual([]);
  });

  it('raises no alert on benign traffic', () => {
    expect(report.scores.filter((s) => s.benignFalsePositives > 0).map((s) => `${s.file}: ${s.title} (${s.benignFalsePositives})`)).toEqual([]);
  });

  it('raises no alert on another chain', () => {
    expect(report.scores.filter((s) => s.falsePositives > 0).map((s) => `${s.file}: ${s.title} (${s.falsePositives})`)).toEqual([]);
  });
});
