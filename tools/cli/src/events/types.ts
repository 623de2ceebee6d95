/**
 * What the event readers hand to their consumer. Readers call the sink synchronously, chunk by
 * chunk, so the hunt loop runs without a promise per event.
 */

/** Where an event came from: the file and the 1-based line where its JSON object starts. */
export interface EventLocation {
  readonly file: string;
  readonly line: number;
}

/** Receives the events of one file, and the records that could not be read. */
export interface EventSink {
  /** One parsed JSON object starting at `line` of `file`. */
  event(event: Record<string, unknown>, file: string, line: number): void;
  /** A record that is not a JSON object (or not JSON); reading goes on after it. */
  malformed(file: string, line: number, reason: string): void;
  /** A whole file that is not JSON (a text log in an events directory); none of it was read as events. */
  skipped(file: string, reason: string): void;
}

/** Receives the raw text of each top-level JSON value with the line where it starts. */
export interface ValueSink {
  value(text: string, line: number): void;
  /** Text that is not a JSON value (`text`: the start of it, when it is stray text on a line). */
  junk(line: number, reason: string, text?: string): void;
}
