/**
 * Validates a correlation snapshot read back from storage (JSON), so a corrupt or foreign
 * document is refused as a whole instead of leaving the engine half restored.
 */
import { SOC_ERR_SIGMA_CORRELATION_INVALID, sigmaError } from '../errors';
import type { CorrelationSnapshot, CorrelationStats, GroupSnapshot } from './types';

const STAT_KEYS: readonly (keyof CorrelationStats)[] = [
  'alerts',
  'suppressedAlerts',
  'lateDropped',
  'missingField',
  'groupsExpired',
  'groupsEvicted',
  'eventsEvicted',
];

function bad(path: string, message: string) {
  return sigmaError(SOC_ERR_SIGMA_CORRELATION_INVALID, message, { rule: '<snapshot>', path, reason: 'bad-snapshot' });
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function checkGroup(g: unknown, path: string): void {
  if (!isRecord(g) || typeof g['key'] !== 'string' || !Array.isArray(g['values']) || !Array.isArray(g['entries'])) {
    throw bad(path, 'a group needs key, values and entries');
  }
  if (!(g['values'] as unknown[]).every((v) => typeof v === 'string')) throw bad(`${path}.values`, 'group values are strings');
  if (g['resetAt'] !== null && !isNum(g['resetAt'])) throw bad(`${path}.resetAt`, 'resetAt is a number or null');
  let last = -Infinity;
  (g['entries'] as unknown[]).forEach((e, i) => {
    const ok =
      isRecord(e) &&
      isNum(e['t']) &&
      Number.isInteger(e['r']) &&
      (e['v'] === null || typeof e['v'] === 'string' || isNum(e['v'])) &&
      typeof e['id'] === 'string' &&
      isRecord(e['ev']) &&
      (e['eid'] === undefined || typeof e['eid'] === 'string');
    if (!ok) throw bad(`${path}.entries[${i}]`, 'an entry needs t, r, v, id and ev');
    if ((e['t'] as number) < last) throw bad(`${path}.entries[${i}]`, 'entries must be sorted by time');
    last = e['t'] as number;
  });
}

/**
 * The snapshot, checked.
 * @throws SocError SOC_ERR_SIGMA_CORRELATION_INVALID with reason `bad-snapshot`.
 */
export function readSnapshot(x: unknown): CorrelationSnapshot {
  if (!isRecord(x) || x['version'] !== 1) throw bad('version', 'not a version 1 correlation snapshot');
  if (x['watermark'] !== null && !isNum(x['watermark'])) throw bad('watermark', 'watermark is a number or null');
  const stats = x['stats'];
  if (!isRecord(stats) || !STAT_KEYS.every((k) => isNum(stats[k]))) throw bad('stats', 'stats lack a counter');
  const correlations = x['correlations'];
  if (!Array.isArray(correlations)) throw bad('correlations', 'correlations must be a list');
  correlations.forEach((c: unknown, i) => {
    if (!isRecord(c) || typeof c['ref'] !== 'string' || !Array.isArray(c['groups'])) {
      throw bad(`correlations[${i}]`, 'a correlation needs ref and groups');
    }
    (c['groups'] as GroupSnapshot[]).forEach((g, j) => checkGroup(g, `correlations[${i}].groups[${j}]`));
  });
  return x as unknown as CorrelationSnapshot;
}
