import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateOcsf } from '../../validate';
import type { OcsfEvent } from '../../mapper';
import { githubAuditMapper } from './index';

const CORPORA = path.resolve(__dirname, '../../../../../../shared/corpora/logs');
const ctx = { tenantId: 'tenant-a', eventUid: 'evt-1', receivedAt: 1_700_000_000_000 };

function mapOk(record: unknown): OcsfEvent {
  const r = githubAuditMapper.map(record, ctx);
  if (!r.ok) throw new Error(r.reason);
  expect(validateOcsf(r.event)).toEqual({ valid: true });
  return r.event;
}

describe('githubAuditMapper', () => {
  it('maps repo.create to API Activity: Create with actor, IP, location and resources', () => {
    const e = mapOk({
      '@timestamp': 1_706_000_000_123, _document_id: 'doc-1', action: 'repo.create', actor: 'octocat', actor_id: 583231, actor_ip: '140.82.112.4',
      actor_location: { country_code: 'US' }, org: 'acme', org_id: 9, repo: 'acme/secret-repo', repo_id: 77, visibility: 'private',
      user_agent: 'Mozilla/5.0', operation_type: 'create', request_id: 'R-1', business: 'acme-ent',
    });
    expect(e).toMatchObject({
      class_uid: 6003, activity_id: 1, type_uid: 600301, status_id: 1, severity_id: 1, time: 1_706_000_000_123,
      actor: { user: { name: 'octocat', uid: '583231', type_id: 1 } },
      src_endpoint: { ip: '140.82.112.4', location: { country: 'US' } },
      http_request: { user_agent: 'Mozilla/5.0' },
      api: { operation: 'repo.create', service: { name: 'GitHub' }, request: { uid: 'R-1' } },
      resources: [
        { name: 'acme/secret-repo', uid: '77', type: 'Repository' },
        { name: 'acme', uid: '9', type: 'Organization' },
        { name: 'acme-ent', type: 'Enterprise' },
      ],
      metadata: { product: { name: 'GitHub Audit Log', vendor_name: 'GitHub' }, event_code: 'repo.create', original_event_uid: 'doc-1', correlation_uid: 'R-1', log_name: 'enterprise audit log', version: '1.8.0' },
      unmapped: { visibility: 'private', operation_type: 'create' },
    });
  });

  it('infers Read/Update/Delete from the action verb and keeps Other with the action name', () => {
    const base = { created_at: '2023-01-31 18:58:27.638', actor: 'cat', org: 'my-org' };
    expect(mapOk({ ...base, action: 'git.clone' }).activity_id).toBe(2);
    expect(mapOk({ ...base, action: 'org.disable_two_factor_requirement' }).activity_id).toBe(3);
    expect(mapOk({ ...base, action: 'hook.events_changed' })).toMatchObject({ activity_id: 99, activity_name: 'hook.events_changed', src_endpoint: { name: 'unknown' } });
    expect(mapOk({ ...base, action: 'protected_branch.destroy' }).activity_id).toBe(4);
    expect(mapOk({ ...base, action: 'repo.archived' })).toMatchObject({ activity_id: 3, time: Date.parse('2023-01-31T18:58:27.638Z') });
  });

  it('maps org/team membership to Group Management and collaborators to User Access Management', () => {
    const add = mapOk({ action: 'org.add_member', actor: 'admin', user: 'newbie', org: 'acme', created_at: 1621305118553 });
    expect(add).toMatchObject({ class_uid: 3006, activity_id: 3, type_uid: 300603, group: { name: 'acme', type: 'Organization' }, user: { name: 'newbie' }, actor: { user: { name: 'admin' } } });
    const team = mapOk({ action: 'team.remove_member', actor: 'admin', user: 'old', org: 'acme', team: 'acme/red', created_at: 1621305118553 });
    expect(team).toMatchObject({ class_uid: 3006, activity_id: 4, group: { name: 'acme/red', type: 'Team' } });
    const collab = mapOk({ action: 'repo.add_member', actor: 'bob', user: 'cat', org: 'acme', repo: 'acme/app', permission: 'admin', created_at: 1621305118553 });
    expect(collab).toMatchObject({ class_uid: 3005, activity_id: 1, privileges: ['admin'], user: { name: 'cat' }, resources: [{ name: 'acme/app', type: 'Repository' }, { name: 'acme', type: 'Organization' }] });
  });

  it('maps personal credentials to Account Change and failed sign-ins to a Low Authentication failure', () => {
    const pat = mapOk({ action: 'personal_access_token.create', actor: 'cat', user: 'cat', created_at: 1621305118553, hashed_token: 'h4sh' });
    expect(pat).toMatchObject({ class_uid: 3001, activity_id: 99, activity_name: 'personal_access_token.create', user: { name: 'cat' }, actor: { user: { credential_uid: 'h4sh' } } });
    const fail = mapOk({ action: 'user.failed_login', actor: 'cat', actor_ip: '203.0.113.1', created_at: 1621305118553 });
    expect(fail).toMatchObject({ class_uid: 3002, status_id: 2, severity_id: 2, user: { name: 'cat' }, service: { name: 'GitHub' } });
  });

  it('rejects entries without an action', () => {
    expect(githubAuditMapper.map({ actor: 'cat' }, ctx)).toEqual({ ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE', reason: 'GitHub audit record has no action' });
  });

  it('maps every GitHub audit sample of the Panther corpus to valid OCSF', () => {
    const records = readFileSync(path.join(CORPORA, 'panther-analysis-tests/GitHub_Audit.ndjson'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { log: unknown }).log);
    const byClass: Record<string, number> = {};
    for (const rec of records) {
      const r = githubAuditMapper.map(rec, ctx);
      if (!r.ok) throw new Error(r.reason);
      expect(validateOcsf(r.event)).toEqual({ valid: true });
      byClass[r.event.class_uid] = (byClass[r.event.class_uid] ?? 0) + 1;
    }
    expect(byClass).toEqual({ 3001: 2, 3005: 4, 3006: 5, 6003: 96 });
  });
});
