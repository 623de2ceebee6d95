import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino censors before a line is written. Credentials reach logs through request
 * headers, config objects and error details; listing them here means a careless
 * `log.info({ config })` cannot leak a key.
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'authorization',
  'apiKey',
  'password',
  'secret',
  'token',
  'SOC_BOOTSTRAP_API_KEY',
  '*.apiKey',
  '*.password',
  '*.secret',
  '*.token',
  '*.authorization',
  '*.SOC_BOOTSTRAP_API_KEY',
  '*.*.password',
  '*.*.secret',
  '*.*.token',
];

export interface LoggerConfig {
  level: string;
  /** Service name stamped on every line. */
  name: string;
  /** Destination stream; stdout by default. Tests pass a buffer. */
  destination?: NodeJS.WritableStream;
}

/** Creates the process logger: JSON lines, secrets redacted, ISO timestamps. */
export function createLogger(config: LoggerConfig): Logger {
  const options: LoggerOptions = {
    level: config.level,
    name: config.name,
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return config.destination ? pino(options, config.destination) : pino(options);
}
