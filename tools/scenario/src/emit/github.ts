import type { Build } from '../draft';
import type { Rng } from '../rng';

/** One GitHub organization audit log entry (REST/streaming shape). */
export interface GhEntry {
  action: string;
  actor: string;
  actorId: number;
  country: string;
  ip: string;
  org: string;
  orgId: number;
  repo?: string;
  userAgent?: string;
  extra?: Record<string, unknown>;
}

/** An audit log entry with `@timestamp`, `_document_id`, `action`, `actor`, `org`, `repo`... */
export function githubAudit(rng: Rng, time: number, e: GhEntry): Build {
  const rec: Record<string, unknown> = {
    '@timestamp': time,
    _document_id: `${rng.b62(22)}==`.slice(0, 22),
    action: e.action,
    actor: e.actor,
    actor_id: e.actorId,
    actor_ip: e.ip,
    actor_location: { country_code: e.country },
    created_at: time,
    operation_type: operationType(e.action),
    org: e.org,
    org_id: e.orgId,
    business: e.org,
  };
  if (e.repo !== undefined) {
    rec['repo'] = `${e.org}/${e.repo}`;
    rec['repository'] = `${e.org}/${e.repo}`;
    rec['repository_public'] = false;
  }
  if (e.userAgent !== undefined) rec['user_agent'] = e.userAgent;
  Object.assign(rec, e.extra);
  return () => rec;
}

function operationType(action: string): string {
  if (/\.(create|add_member|clone|fetch)$/.test(action) || action === 'git.push') return action.startsWith('git.') ? 'access' : 'create';
  if (/\.(destroy|remove_member|delete)$/.test(action)) return 'remove';
  if (/\.(merge|update|edit|access|close|review_requested)$/.test(action)) return 'modify';
  return 'access';
}
