import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileAttack } from './compile';
import { ATTACK_BUNDLE, DEFAULT_ATTACK_VERSION, GENERATED_FILE } from './paths';
import { readBundle } from './stix';

// `npm run attack:compile [bundle.json] [version]`: regenerates libs/attack/generated/attack.json.
const bundlePath = process.argv[2] ?? ATTACK_BUNDLE;
const version = process.argv[3] ?? DEFAULT_ATTACK_VERSION;
const out = compileAttack(readBundle(bundlePath), version);
mkdirSync(path.dirname(GENERATED_FILE), { recursive: true });
writeFileSync(GENERATED_FILE, out.json);
const d = out.data;
process.stdout.write(
  `attack-compile: ATT&CK ${d.version} -> ${GENERATED_FILE} (${out.json.length} bytes): ${d.tactics.length} tactics, ` +
    `${d.techniques.length} techniques (${d.techniques.filter((t) => t.deprecated).length} deprecated), ` +
    `${d.revoked.length} revoked, ${d.groups.length} groups, ${d.software.length} software\n`,
);
