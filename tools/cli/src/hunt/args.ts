/**
 * The command line of `soc hunt`, parsed by hand (no dependency): flags take the values that
 * follow them up to the next flag, so `--rules a b --events c d` works, as does `--rules=a`.
 */
import { HuntError } from '../errors';

/** How events are read for rules: one mapping for every event, or chosen per event. */
export type MappingMode = 'windows' | 'ocsf' | 'flat' | 'auto';

/** Sigma levels, lowest first. */
export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

/** What `soc hunt` was asked to do. */
export interface HuntOptions {
  rules: string[];
  events: string[];
  mapping: MappingMode;
  minLevel: Level | undefined;
  output: string | undefined;
  strict: boolean;
  help: boolean;
}

const MAPPINGS: readonly MappingMode[] = ['windows', 'ocsf', 'flat', 'auto'];
const MULTI = new Set(['--rules', '--events']);
const SINGLE = new Set(['--mapping', '--min-level', '--output']);
const SWITCHES = new Set(['--strict', '--help', '-h']);

/** The usage text of `soc hunt`. */
export const HUNT_USAGE = `usage: soc hunt --rules <dir|file>... --events <dir|file>... [options]

  --rules <path>...     Sigma rules: .yml/.yaml files, directories walked recursively
  --events <path>...    events: NDJSON, JSON arrays, concatenated JSON objects (evtx_dump),
                        gzip-compressed or not; directories walked for .json .jsonl .ndjson .log .gz
  --mapping <m>         windows | ocsf | flat | auto (default auto: per event, evtx_dump/Winlogbeat/
                        NXLog -> windows, class_uid -> ocsf, anything else -> flat)
  --min-level <level>   only report matches of rules at or above informational|low|medium|high|critical
  --output <file>       write match lines and the summary there instead of stdout
  --strict              exit 1 when a rule failed, a record could not be read or a file was not JSON

Prints one JSON line per match, then one summary line. Exit 0 done, 1 --strict saw problems,
2 bad usage or an unreadable path.
`;

function usage(message: string): HuntError {
  return new HuntError('usage', message);
}

function takeValues(argv: readonly string[], i: number, flag: string, inline: string | undefined): { values: string[]; next: number } {
  if (inline !== undefined) return { values: [inline], next: i + 1 };
  const values: string[] = [];
  let j = i + 1;
  while (j < argv.length && !(argv[j] as string).startsWith('--')) values.push(argv[j++] as string);
  if (values.length === 0) throw usage(`${flag} needs a value`);
  if (!MULTI.has(flag) && values.length > 1) throw usage(`${flag} takes one value, got ${values.join(' ')}`);
  return { values, next: j };
}

function applyValue(opts: HuntOptions, flag: string, value: string): void {
  if (flag === '--mapping') {
    if (!MAPPINGS.includes(value as MappingMode)) throw usage(`--mapping must be one of ${MAPPINGS.join(', ')}, got '${value}'`);
    opts.mapping = value as MappingMode;
  } else if (flag === '--min-level') {
    if (!(LEVELS as readonly string[]).includes(value)) throw usage(`--min-level must be one of ${LEVELS.join(', ')}, got '${value}'`);
    opts.minLevel = value as Level;
  } else opts.output = value;
}

/**
 * Parses the arguments after `hunt`.
 *
 * @throws HuntError kind `usage` for an unknown flag, a missing value, or no --rules/--events.
 */
export function parseHuntArgs(argv: readonly string[]): HuntOptions {
  const opts: HuntOptions = { rules: [], events: [], mapping: 'auto', minLevel: undefined, output: undefined, strict: false, help: false };
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (SWITCHES.has(flag)) {
      if (flag === '--strict') opts.strict = true;
      else opts.help = true;
      i++;
    } else if (MULTI.has(flag) || SINGLE.has(flag)) {
      const { values, next } = takeValues(argv, i, flag, inline);
      if (flag === '--rules') opts.rules.push(...values);
      else if (flag === '--events') opts.events.push(...values);
      else applyValue(opts, flag, values[0] as string);
      i = next;
    } else throw usage(`unknown argument '${arg}'`);
  }
  if (!opts.help && opts.rules.length === 0) throw usage('--rules is required');
  if (!opts.help && opts.events.length === 0) throw usage('--events is required');
  return opts;
}
