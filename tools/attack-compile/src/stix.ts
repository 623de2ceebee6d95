import { readFileSync } from 'node:fs';

/** The subset of STIX object fields the compiler reads. */
export interface StixObject {
  type: string;
  id: string;
  name?: string;
  modified?: string;
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  x_mitre_is_subtechnique?: boolean;
  x_mitre_platforms?: string[];
  x_mitre_shortname?: string;
  x_mitre_version?: string;
  x_mitre_domains?: string[];
  kill_chain_phases?: { kill_chain_name: string; phase_name: string }[];
  external_references?: { source_name: string; external_id?: string }[];
  tactic_refs?: string[];
  relationship_type?: string;
  source_ref?: string;
  target_ref?: string;
}

/** A parsed STIX bundle. */
export interface StixBundle {
  type: string;
  objects: StixObject[];
}

/** Reads and minimally checks a STIX bundle file. */
export function readBundle(file: string): StixBundle {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StixBundle>;
  if (parsed.type !== 'bundle' || !Array.isArray(parsed.objects)) {
    throw new Error(`${file} is not a STIX bundle (type=${String(parsed.type)})`);
  }
  return parsed as StixBundle;
}

/** The ATT&CK id (T1059.001, TA0002, G0016, S0002) of an object, if it has one. */
export function attackId(obj: StixObject): string | undefined {
  return obj.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id;
}

/** Objects of one STIX type. */
export function ofType(bundle: StixBundle, type: string): StixObject[] {
  return bundle.objects.filter((o) => o.type === type);
}

/** `source_ref -> target_ref` for every relationship of one type. */
export function relationMap(bundle: StixBundle, relationshipType: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of ofType(bundle, 'relationship')) {
    if (r.relationship_type === relationshipType && r.source_ref && r.target_ref) out.set(r.source_ref, r.target_ref);
  }
  return out;
}
