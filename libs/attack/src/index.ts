// MITRE ATT&CK lookups (techniques, sub-techniques, tactics, groups, software) compiled from
// the Enterprise bundle into ../generated/attack.json by tools/attack-compile.
export { AttackDataFileSchema, type AttackDataFile, type TacticRecord, type TechniqueRecord } from './data-file';
export { SOC_ERR_ATTACK_DATA_INVALID, attackDataInvalidError } from './errors';
export { ATTACK_VERSION, group, killChainOrder, software, tactic, tactics, technique } from './lookup';
export { resolveAttackTags } from './resolve-tags';
export type { AttackNamed, AttackReplacement, AttackResolution, AttackTactic, AttackTechnique } from './types';
export { V19_TACTIC_ALIASES } from './v19';
