import path from 'node:path';

/** Repository root (this file lives in tools/attack-compile/src). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The MITRE ATT&CK Enterprise STIX bundle, read in place from the shared corpora. */
export const ATTACK_BUNDLE = path.resolve(REPO_ROOT, '../shared/corpora/attack/enterprise-attack.json');

/** The committed artifact the library loads. */
export const GENERATED_FILE = path.resolve(REPO_ROOT, 'libs/attack/generated/attack.json');

/**
 * ATT&CK release the corpus bundle holds. Official bundles carry it in an `x-mitre-collection`
 * object; ours was re-assembled from per-object files without one (see the corpus README), so
 * the compiler takes it as input and cross-checks it against a collection object when present.
 */
export const DEFAULT_ATTACK_VERSION = '18.1';
