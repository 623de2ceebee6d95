import { join } from 'node:path';

/** Directory of the native starter rules (Sigma YAML written against OCSF paths). */
export const NATIVE_RULES_DIR = join(__dirname, '..', 'rules');
