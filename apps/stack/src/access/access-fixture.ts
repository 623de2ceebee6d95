import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { systemClock } from '@soc/contracts';
import { DrizzleAlertRepository, DrizzleAuditRepository, DrizzleCaseRepository, DrizzleRuleRepository, DrizzleUserRepository } from '@soc/db';
import { ROLES, type Role } from '@soc/iam';
import { createLogger } from '@soc/logging';
import { type Stack, buildStack } from '../app';
import { loadStackConfig } from '../config';
import { GraphBatchBuilder } from '@soc/graph';

/**
 * Shared by the access specs: the real stack (api and ingest on PGlite and DuckDB) with three
 * tenants, each holding one of everything a route can show. Every tenant id is also a marker
 * token that appears in that tenant's data (titles, emails, hosts, reasons), so "B never sees
 * A's data" is checked by looking for A's markers in B's responses.
 */
export const TENANT_IDS = { alpha: 'zqalpha', kid: 'zqkiddo', bravo: 'zqbravo' } as const;
export type TenantName = keyof typeof TENANT_IDS;

/** One seeded tenant. */
export interface TenantSeed {
  readonly id: string;
  /** A key (admin scope) for a user who holds just this role. */
  readonly keys: Record<Role, string>;
  readonly keyIds: Record<Role, string>;
  readonly userIds: Record<Role, string>;
  readonly ruleId: string;
  readonly exceptionId: string;
  readonly alertId: string;
  readonly caseId: string;
  /** Strings that belong to this tenant alone. */
  readonly markers: readonly string[];
}

/** A request as a route table builds it. */
export interface Req {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly payload?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const EVENT_DAY = { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' };
const T0 = Date.parse(EVENT_DAY.from) + 3_600_000;
const RULE_IDS: Record<TenantName, string> = {
  alpha: 'c0ffee00-0000-4000-8000-0000000000a1',
  kid: 'c0ffee00-0000-4000-8000-0000000000b2',
  bravo: 'c0ffee00-0000-4000-8000-0000000000c3',
};

/** A Sigma rule matching process command lines that contain `needle`. */
export const ruleText = (id: string, title: string, needle: string): string =>
  `title: ${title}\nid: ${id}\nstatus: test\nlevel: medium\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    CommandLine|contains: ${needle}\n  condition: sel\n`;

export class AccessFixture {
  readonly users: DrizzleUserRepository;
  readonly rules: DrizzleRuleRepository;
  readonly audit: DrizzleAuditRepository;
  readonly tenants = {} as Record<TenantName, TenantSeed>;
  private counter = 0;

  private constructor(
    readonly stack: Stack,
    private readonly dir: string,
  ) {
    const db = stack.adapters.db;
    this.users = new DrizzleUserRepository(db, systemClock);
    this.rules = new DrizzleRuleRepository(db, systemClock);
    this.audit = new DrizzleAuditRepository(db);
  }

  static async open(): Promise<AccessFixture> {
    const dir = mkdtempSync(join(tmpdir(), 'soc-access-'));
    const config = loadStackConfig({ SOC_DATA_DIR: dir, SOC_SERVICES: 'api,ingest', SOC_NORMALIZE_WORKERS: '0' }, []);
    const stack = await buildStack(config, createLogger({ level: 'silent', name: 'access' }), systemClock);
    await stack.http.ready();
    const fx = new AccessFixture(stack, dir);
    const system = stack.adapters.db.system;
    await system.createTenant({ id: TENANT_IDS.alpha, name: 'Alpha MSSP' });
    await system.createTenant({ id: TENANT_IDS.kid, name: 'Alpha customer', parentTenantId: TENANT_IDS.alpha });
    await system.createTenant({ id: TENANT_IDS.bravo, name: 'Bravo' });
    for (const name of Object.keys(TENANT_IDS) as TenantName[]) fx.tenants[name] = await fx.seed(name);
    return fx;
  }

  /** A number no other call of this fixture returns, for unique names in request bodies. */
  next(): number {
    return ++this.counter;
  }

  send(req: Req, key: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.stack.http.inject({
      method: req.method,
      url: req.url,
      headers: { authorization: `Bearer ${key}`, ...req.headers, ...headers },
      ...(req.payload !== undefined ? { payload: req.payload as string } : {}),
    });
  }

  /** A fresh user with one role, for routes that consume one (disable, revoke). */
  async freshUser(t: TenantSeed, role: Role = 'viewer'): Promise<string> {
    const n = this.next();
    return (await this.users.create(t.id, { email: `fresh-${n}@${t.id}.test`, displayName: `${t.id} fresh ${n}`, roles: [role] }, { actor: 'fixture' })).id;
  }

  /** A fresh service key, for the revoke route. */
  async freshKey(t: TenantSeed, role: Role = 'viewer'): Promise<string> {
    return (await this.stack.adapters.db.apiKeys.create(t.id, { name: `${t.id}-fresh-${this.next()}`, scopes: ['read'], role, createdBy: 'fixture' })).key.id;
  }

  /** A fresh exception on the tenant's rule, for the revoke route. */
  async freshException(t: TenantSeed): Promise<string> {
    return (await this.rules.addException(t.id, { ruleId: t.ruleId, field: 'User', op: 'eq', values: [`${t.id}-svc-${this.next()}`], reason: `${t.id} fresh`, actor: 'fixture' })).id;
  }

  /** A key with `scopes` for a user holding `role` in tenant `t`. */
  async keyFor(t: TenantSeed, role: Role, scopes: ('ingest' | 'read' | 'write' | 'admin')[]): Promise<string> {
    const userId = await this.freshUser(t, role);
    return (await this.stack.adapters.db.apiKeys.create(t.id, { name: `${t.id}-${role}-${scopes.join('-')}`, scopes, userId, createdBy: 'fixture' })).plaintext;
  }

  async close(): Promise<void> {
    await this.stack.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async seed(name: TenantName): Promise<TenantSeed> {
    const id = TENANT_IDS[name];
    const db = this.stack.adapters.db;
    const keys = {} as Record<Role, string>;
    const keyIds = {} as Record<Role, string>;
    const userIds = {} as Record<Role, string>;
    for (const role of ROLES) {
      const user = await this.users.create(id, { email: `${role}@${id}.test`, displayName: `${id} ${role}`, roles: [role] }, { actor: 'fixture' });
      const key = await db.apiKeys.create(id, { name: `${id}-${role}`, scopes: ['admin'], userId: user.id, createdBy: 'fixture' });
      userIds[role] = user.id;
      keys[role] = key.plaintext;
      keyIds[role] = key.key.id;
    }
    const ruleId = RULE_IDS[name];
    await this.rules.importRules(id, {
      origin: 'custom',
      actor: 'fixture',
      enableNew: true,
      documents: [{ path: `${id}.yml`, ruleId, kind: 'detection', title: `${id} rule`, level: 'medium', yaml: ruleText(ruleId, `${id} rule`, id) }],
    });
    const seedPartial = { id, ruleId } as TenantSeed;
    const exceptionId = await this.freshException(seedPartial);
    const alertId = `${id}-alert-1`;
    await new DrizzleAlertRepository(db, systemClock).insertMany(id, [
      {
        id: alertId,
        kind: 'rule',
        ruleId,
        title: `${id} alert`,
        level: 'high',
        time: new Date(T0),
        firstSeen: new Date(T0),
        lastSeen: new Date(T0),
        count: 1,
        techniques: ['T1059.001'],
        tactics: ['execution'],
        entities: [{ type: 'host', value: `${id}-host` }],
        evidence: [{ eventId: `${id}-event-1` }],
        finding: { class_uid: 2004, finding_info: { uid: alertId, title: `${id} alert` } },
      },
    ]);
    const caseId = `${id}-case-1`;
    await new DrizzleCaseRepository(db, systemClock).upsertFromSnapshot(id, {
      caseId,
      openedAt: T0,
      updatedAt: T0,
      firstSeen: T0,
      lastSeen: T0,
      severity: 'high',
      severityReasons: [`${id} reason`],
      tactics: ['execution'],
      timeline: [{ alertId, ruleId, ruleTitle: `${id} rule`, level: 'high', count: 1, firstSeen: T0, lastSeen: T0, reason: { kind: 'opened', threshold: 1 } }],
      entities: [{ type: 'host', value: `${id}-host` }],
      alertCount: 1,
    });
    const store = this.stack.adapters.store;
    if (!store) throw new Error('the access fixture needs the event store');
    await store.append([
      {
        id: `${id}-event-1`,
        tenantId: id,
        time: T0,
        classUid: 1007,
        source: 'windows',
        event: { class_uid: 1007, time: T0, metadata: { uid: `${id}-event-1` }, device: { hostname: `${id}-host` }, process: { cmd_line: `run ${id}` }, message: `${id} event` },
      },
    ]);
    const graph = this.stack.adapters.graph?.graph;
    if (!graph) throw new Error('the access fixture needs the entity graph');
    const edges = new GraphBatchBuilder();
    edges.observe({ time: T0, evidence: `event:${id}-event-1`, entities: [], edges: [{ from: { type: 'user', value: `${id}-user` }, rel: 'logged_on', to: { type: 'host', value: `${id}-host` } }] });
    await graph.upsert(id, edges.build());
    await db.deadLetters.insertMany(id, [
      { id: `${id}-dl-1`, stage: 'ingest', source: 'okta', code: 'SOC_ERR_RECORD_UNPARSEABLE', reason: `${id} bad record`, original: `${id} raw`, originalTruncated: false },
    ]);
    const markers = [id, ruleId, exceptionId, alertId, caseId, ...Object.values(userIds), ...Object.values(keyIds)];
    return { id, keys, keyIds, userIds, ruleId, exceptionId, alertId, caseId, markers };
  }
}
