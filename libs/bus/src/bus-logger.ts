/**
 * The few logger methods the bus adapters use; a pino logger satisfies it. Adapters report
 * recovery truncations, handler failures, commit failures and retention through it.
 */
export interface BusLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Discards everything; the default when no logger is injected. */
export const silentLogger: BusLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
