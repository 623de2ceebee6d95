export { closedPort } from './ports';
