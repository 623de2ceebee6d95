import type { BusLogger } from '@soc/bus';

/** A logger that keeps every line, for specs that assert what the bus reported. */
export function captureLogger(): BusLogger & { lines: Array<{ level: string; obj: Record<string, unknown>; msg: string | undefined }> } {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg: string | undefined }> = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A message with a sequence number in its payload. */
export function seqMessage(key: string, seq: number, pad = ''): { key: string; value: { id: string; tenantId: string; type: string; schemaVersion: number; occurredAt: string; ingestedAt: string; traceId: string; payload: { seq: number; pad: string } } } {
  return { key, value: { id: `m${seq}`, tenantId: 't', type: 'test', schemaVersion: 1, occurredAt: '', ingestedAt: '', traceId: 'x', payload: { seq, pad } } };
}
