export { githubAuditMapper } from './github-mapper';
