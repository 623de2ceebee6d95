export { STACK_ENV, loadStackConfig, type StackConfig } from './config';
export { buildStack, type Stack } from './app';
export { bootstrap, DEFAULT_TENANT } from './bootstrap';
