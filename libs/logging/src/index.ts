export { createLogger, REDACT_PATHS, type Logger, type LoggerConfig } from './logger';
