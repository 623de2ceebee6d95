// MITRE ATT&CK lookups (techniques, sub-techniques, tactics) compiled from the Enterprise bundle.
export { AttackDataFileSchema, type AttackDataFile, type TacticRecord, type TechniqueRecord } from './data-file';
