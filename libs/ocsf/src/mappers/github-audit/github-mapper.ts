import { compact } from '../../build/compact';
import { buildNetworkEndpoint } from '../../build/endpoint';
import { assembleEvent } from '../../build/event';
import { asBoolean, asRecord, asString } from '../../build/field-readers';
import { buildLocation } from '../../build/location';
import { guarded, unmappable } from '../../build/never-throw';
import { UNKNOWN } from '../../build/placeholder';
import { finishEvent } from '../../build/resource-observables';
import { SEVERITY } from '../../build/severity';
import { buildStatus } from '../../build/status';
import { parseTimestamp } from '../../build/time';
import { unmappedExcept } from '../../build/unmapped';
import type { MapContext, MapResult, SourceMapper } from '../../mapper';
import { classifyGitHub } from './classify';
import type { GitHubClass } from './classify';

/** Top-level fields placed in OCSF attributes; the rest goes to `unmapped`. */
const MAPPED = ['action', '@timestamp', 'created_at', 'actor', 'actor_id', 'actor_ip', 'actor_location', 'actor_is_bot', 'user_agent', 'hashed_token', 'token_id', '_document_id', 'request_id', 'org', 'org_id', 'repo', 'repo_id', 'business', 'business_id', 'user', 'user_id', 'team'];
const MAPPED_SET: ReadonlySet<string> = new Set(MAPPED);

/**
 * GitHub organization / enterprise audit log -> OCSF. Org and team membership -> 3006,
 * repository collaborators and moderators -> 3005, personal credentials and 2FA -> 3001,
 * sign-ins (GHES) -> 3002, everything else -> 6003. Audit entries record completed
 * actions, so status is Success unless the action itself says it failed.
 */
export const githubAuditMapper: SourceMapper = {
  source: 'github-audit',
  map: (record: unknown, ctx: MapContext): MapResult => guarded('github-audit', () => mapGitHub(record, ctx)),
};

function mapGitHub(record: unknown, ctx: MapContext): MapResult {
  const rec = asRecord(record);
  if (!rec) return unmappable('GitHub audit record is not a JSON object');
  const action = asString(rec['action']);
  if (!action) return unmappable('GitHub audit record has no action');
  const cls = classifyGitHub(action);
  const failed = /failed/.test(action);
  const timeValue = rec['@timestamp'] ?? rec['created_at'] ?? rec['at_sign_timestamp'];
  const status = buildStatus(!failed);
  // Status fields by name and the class attributes assigned over, not spread: V8 makes an
  // object literal that starts with a spread and goes on with more keys ~1 µs slower.
  const attributes: Record<string, unknown> = {
    status_id: status.status_id,
    status: status.status,
    actor: actorOf(rec),
    src_endpoint: sourceOf(rec, cls),
    http_request: { user_agent: asString(rec['user_agent']) },
  };
  Object.assign(attributes, classAttributes(rec, cls, action));
  const event = assembleEvent({
    classUid: cls.classUid,
    activityId: cls.activityId,
    activityName: cls.activityName,
    time: parseTimestamp(timeValue) ?? ctx.receivedAt,
    severityId: failed ? SEVERITY.Low : SEVERITY.Informational,
    metadata: {
      product: { name: 'GitHub Audit Log', vendor_name: 'GitHub' },
      uid: ctx.eventUid,
      tenant_uid: ctx.tenantId,
      original_time: asString(timeValue),
      log_name: asString(rec['business']) ? 'enterprise audit log' : 'organization audit log',
      event_code: action,
      original_event_uid: asString(rec['_document_id']),
      correlation_uid: asString(rec['request_id']),
    },
    original: rec,
    originalText: ctx.rawText,
    attributes,
    unmapped: unmappedExcept(rec, MAPPED_SET),
  });
  return { ok: true, event: finishEvent(event) };
}

function actorOf(rec: Record<string, unknown>): Record<string, unknown> {
  const isBot = asBoolean(rec['actor_is_bot']);
  const user = compact({
    name: asString(rec['actor']),
    uid: asString(rec['actor_id']),
    type_id: isBot ? 4 : 1,
    type: isBot ? 'Service' : 'User',
    credential_uid: asString(rec['hashed_token']) ?? asString(rec['token_id']),
  }) as Record<string, unknown>;
  return { user: user['name'] || user['uid'] ? user : { name: UNKNOWN, type_id: 0, type: 'Unknown' } };
}

/** src_endpoint from actor_ip and actor_location; 6003 requires one, so the placeholder fills in. */
function sourceOf(rec: Record<string, unknown>, cls: GitHubClass): Record<string, unknown> | undefined {
  const location = buildLocation({ country: asString(asRecord(rec['actor_location'])?.['country_code']) });
  const ep = buildNetworkEndpoint({ ip: rec['actor_ip'] });
  // The builder's fresh endpoint is extended in place (a spread copy followed by more keys is slow in V8).
  if (ep) {
    if (location) ep['location'] = location;
    return ep;
  }
  return cls.classUid === 6003 ? { name: UNKNOWN, ...(location ? { location } : {}) } : undefined;
}

/** The org, repository and enterprise an entry concerns, as OCSF resources. */
function resourcesOf(rec: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const add = (name: string | undefined, uid: string | undefined, type: string) => {
    if (name || uid) out.push(compact({ name, uid, type, role_id: 1, role: 'Target' }) as Record<string, unknown>);
  };
  add(asString(rec['repo']) ?? asString(rec['repository']), asString(rec['repo_id']), 'Repository');
  add(asString(rec['org']), asString(rec['org_id']), 'Organization');
  add(asString(rec['business']), asString(rec['business_id']), 'Enterprise');
  return out;
}

function subjectUser(rec: Record<string, unknown>): Record<string, unknown> | undefined {
  const name = asString(rec['user']);
  const uid = asString(rec['user_id']);
  return name || uid ? (compact({ name, uid, type_id: 1, type: 'User' }) as Record<string, unknown>) : undefined;
}

function classAttributes(rec: Record<string, unknown>, cls: GitHubClass, action: string): Record<string, unknown> {
  const actorUser = actorOf(rec)['user'];
  switch (cls.classUid) {
    case 3002:
      return { user: subjectUser(rec) ?? actorUser, service: { name: 'GitHub' }, is_remote: true };
    case 3001:
      return { user: subjectUser(rec) ?? actorUser };
    case 3005:
      return { user: subjectUser(rec) ?? { name: UNKNOWN }, privileges: [asString(rec['permission']) ?? asString(rec['role']) ?? action], resources: resourcesOf(rec) };
    case 3006: {
      const team = asString(rec['team']);
      const org = asString(rec['org']) ?? asString(rec['business']);
      return { user: subjectUser(rec), group: { name: team ?? org ?? UNKNOWN, type: team ? 'Team' : 'Organization' } };
    }
    default:
      return {
        api: { operation: action, service: { name: 'GitHub' }, request: asString(rec['request_id']) ? { uid: asString(rec['request_id']) } : undefined },
        resources: resourcesOf(rec),
      };
  }
}
