// Fields whose value auditd writes unquoted as hex when it holds spaces, quotes or control
// characters (and quoted otherwise). EXECVE argument keys (a0, a1[2]...) are handled by type.
const ENCODED_FIELDS = new Set(['proctitle', 'name', 'cwd', 'comm', 'exe', 'path', 'acct', 'cmd', 'key', 'data']);
const HEX_RE = /^(?:[0-9A-F]{2})+$/;
const EXECVE_ARG_RE = /^a\d+(?:\[\d+\])?$/;

/** Decodes a value auditd hex-encoded: NULs (between proctitle arguments) become spaces. */
export function decodeHex(hex: string): string {
  return Buffer.from(hex, 'hex').toString('utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
}

/** True when an unquoted `key=value` of record `type` is hex-encoded text. */
export function isHexEncoded(type: string, key: string, value: string): boolean {
  if (!HEX_RE.test(value)) return false;
  if (ENCODED_FIELDS.has(key)) return true;
  return type === 'EXECVE' && EXECVE_ARG_RE.test(key);
}

/**
 * The argument vector of an EXECVE record: a0..a(argc-1), joining the `aN[i]` chunks auditd
 * writes for long arguments.
 */
export function execveArgs(fields: Readonly<Record<string, string>>): string[] {
  const argc = Number(fields['argc'] ?? NaN);
  const args: string[] = [];
  for (let n = 0; Number.isFinite(argc) ? n < argc : fields[`a${n}`] !== undefined || fields[`a${n}[0]`] !== undefined; n++) {
    const whole = fields[`a${n}`];
    if (whole !== undefined) {
      args.push(whole);
      continue;
    }
    let joined = '';
    for (let i = 0; fields[`a${n}[${i}]`] !== undefined; i++) joined += fields[`a${n}[${i}]`];
    args.push(joined);
  }
  return args;
}
