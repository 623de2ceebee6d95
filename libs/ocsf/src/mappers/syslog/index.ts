export { syslogMapper } from './syslog-mapper';
