export { auditdMapper } from './auditd-mapper';
