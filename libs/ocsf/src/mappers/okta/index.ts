export { oktaMapper } from './okta-mapper';
