import { canonicalEntityValue } from '@soc/contracts';
import type { EntityRef } from '../entity-graph';
import type { ObservedEdge } from '../observation';
import type { EntityType, RelationshipType } from '../vocabulary';

/** A JSON object of an OCSF event (untrusted: every read checks the shape). */
export type Rec = Readonly<Record<string, unknown>>;

/** `v` when it is a plain object. */
export function rec(v: unknown): Rec | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined;
}

/** `r[k]` when it is an array. */
export function list(r: Rec | undefined, k: string): readonly unknown[] {
  const v = r?.[k];
  return Array.isArray(v) ? v : [];
}

/** `r[k]` when it is a non-empty string other than Windows' `-` placeholder. */
export function text(r: Rec | undefined, k: string): string | undefined {
  const v = r?.[k];
  return typeof v === 'string' && v !== '' && v !== '-' && v.trim() !== '' ? v : undefined;
}

/** An entity of `type` from a raw value, canonical; undefined when there is no value. */
export function entity(type: EntityType, raw: string | undefined): EntityRef | undefined {
  return raw === undefined ? undefined : { type, value: canonicalEntityValue(type, raw) };
}

/** Most edges one event may add: a record listing hundreds of recipients or answers is capped. */
const MAX_EDGES_PER_EVENT = 64;

/** Edges of one event; `link` ignores missing endpoints, self-loops and anything past the cap. */
export class EdgeList {
  readonly edges: ObservedEdge[] = [];

  link(from: EntityRef | undefined, rel: RelationshipType, to: EntityRef | undefined): void {
    if (!from || !to || this.edges.length >= MAX_EDGES_PER_EVENT) return;
    if (from.type === to.type && from.value === to.value) return;
    this.edges.push({ from, rel, to });
  }
}

/** A host named by an endpoint or device object: `hostname`, else `name`. */
export function hostOf(endpoint: unknown): EntityRef | undefined {
  const e = rec(endpoint);
  return entity('host', text(e, 'hostname') ?? text(e, 'name'));
}

/** The address of an endpoint object. */
export function ipOf(endpoint: unknown): EntityRef | undefined {
  return entity('ip', text(rec(endpoint), 'ip'));
}

/** A user object's name, else its e-mail address (the alert entities' `user`). */
export function userOf(user: unknown): EntityRef | undefined {
  const u = rec(user);
  return entity('user', text(u, 'name') ?? text(u, 'email_addr'));
}

/** A process by image name (the key fusion and alerts use): `name`, else the file's name or path tail. */
export function processOf(process: unknown): EntityRef | undefined {
  const p = rec(process);
  const file = rec(p?.['file']);
  const path = text(file, 'path');
  const tail = path === undefined ? undefined : path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
  return entity('process', text(p, 'name') ?? text(file, 'name') ?? (tail === '' ? undefined : tail));
}

const IP_LIKE = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$/i;

/** True when a DNS answer's data is an address (not a CNAME or text record). */
export function isIpText(s: string): boolean {
  return IP_LIKE.test(s);
}
