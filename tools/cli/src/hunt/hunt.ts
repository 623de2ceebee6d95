/**
 * `soc hunt`: Sigma rules over event files, offline, like Hayabusa, Chainsaw or Zircolite.
 * Prints one JSON line per match and a summary line; problems with rules or records go to
 * stderr and are counted, and only an unusable command line or path stops the run.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { SocError } from '@soc/errors';
import { HuntError } from '../errors';
import { collectFiles, EVENT_EXTENSIONS } from '../events/collect-files';
import { readEventFile } from '../events/read-event-file';
import { EXIT_OK, EXIT_STRICT_FAILURE } from '../errors';
import type { HuntOptions } from './args';
import { LineWriter } from './line-writer';
import { loadRules } from './load-rules';
import { HuntPack } from './pack';
import { HuntSession } from './session';

/** Where a hunt writes, and its clock (ms), injected so tests can drive them. */
export interface HuntIo {
  stdout: Writable;
  stderr: Writable;
  now(): number;
}

/** The summary line's content. Field names are the output contract of `soc hunt`. */
export interface HuntSummary {
  rules_loaded: number;
  rules_failed: number;
  rules_not_applicable: number;
  files: number;
  /** Files that are not JSON (text logs in an events directory), reported and not read. */
  files_skipped: number;
  events: number;
  malformed: number;
  matches: number;
  by_level: Record<string, number>;
  seconds: number;
  events_per_sec: number;
}

async function openOutput(path: string | undefined, stdout: Writable): Promise<Writable> {
  if (path === undefined) return stdout;
  const file = createWriteStream(path);
  try {
    await once(file, 'open');
  } catch (e) {
    throw new HuntError('unwritable-path', `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, path);
  }
  return file;
}

async function closeOutput(out: Writable, stdout: Writable): Promise<void> {
  if (out === stdout) return;
  out.end();
  await once(out, 'finish');
}

/**
 * Runs a hunt and returns its exit code (0, or 1 under --strict when a rule failed, a record
 * could not be read or a file was not JSON) with the summary it printed.
 *
 * @throws HuntError (`unreadable-path`, `unwritable-path`) when an input or the output cannot be used.
 */
export async function runHunt(opts: HuntOptions, io: HuntIo): Promise<{ exitCode: number; summary: HuntSummary }> {
  const started = io.now();
  const report = (text: string) => io.stderr.write(text + '\n');
  const eventFiles = await collectFiles(opts.events, EVENT_EXTENSIONS);
  const loaded = await loadRules(opts.rules);
  const pack = new HuntPack(loaded.documents, opts.mapping);
  const reportRuleErrors = (errors: readonly SocError[]) => errors.forEach((e) => report(`rule error: ${e.message}`));
  reportRuleErrors(loaded.errors);
  reportRuleErrors(pack.errors);
  const errorsBeforeEvents = pack.errors.length;
  const rulesParsed = loaded.documents.reduce((n, d) => n + d.rules.length + d.correlations.length, 0);
  const out = await openOutput(opts.output, io.stdout);
  const writer = new LineWriter(out);
  const session = new HuntSession(pack, writer, report, opts.minLevel);
  const eventsStarted = io.now();
  for (const file of eventFiles) {
    await readEventFile(file, session);
    await writer.drain();
  }
  session.finish();
  // Under auto, the flat lane is compiled at its first event: report what that found too.
  reportRuleErrors(pack.errors.slice(errorsBeforeEvents));
  if (pack.unanchoredOnFlat > 0) {
    report(`note: ${pack.unanchoredOnFlat} rules match an event that has none of their fields (e.g. 'condition: not selection') and were not run on flat JSON events; --mapping flat runs them`);
  }
  const failures = [...loaded.errors, ...pack.errors];
  const notApplicable = pack.notApplicable().length;
  const ended = io.now();
  const c = session.counts;
  const eventSeconds = (ended - eventsStarted) / 1000;
  const summary: HuntSummary = {
    rules_loaded: Math.max(0, rulesParsed - pack.errors.length - notApplicable),
    rules_failed: failures.length,
    rules_not_applicable: notApplicable,
    files: eventFiles.length,
    files_skipped: c.filesSkipped,
    events: c.events,
    malformed: c.malformed,
    matches: c.matches,
    by_level: c.byLevel,
    seconds: Math.round(ended - started) / 1000,
    events_per_sec: eventSeconds > 0 ? Math.round(c.events / eventSeconds) : c.events,
  };
  writer.line(JSON.stringify({ summary }));
  await writer.drain();
  await closeOutput(out, io.stdout);
  const strictFailed = opts.strict && (c.malformed > 0 || c.filesSkipped > 0 || failures.length > 0);
  return { exitCode: strictFailed ? EXIT_STRICT_FAILURE : EXIT_OK, summary };
}
