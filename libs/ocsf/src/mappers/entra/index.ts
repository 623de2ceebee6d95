export { entraMapper } from './entra-mapper';
