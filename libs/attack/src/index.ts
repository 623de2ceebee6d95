// MITRE ATT&CK lookups (techniques, sub-techniques, tactics) compiled from the Enterprise bundle.
export {};
