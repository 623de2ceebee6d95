import { randomBytes } from 'node:crypto';
import type { StoredEvent } from './event-store';

/** Fixed base time of the fixtures: 2026-01-01T12:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1, 12);
const MIN = 60_000;

/** Tenant ids unique per run, so suites sharing a server never see each other's rows. */
export function fixtureTenants(): { a: string; b: string; paging: string; encoded: string; hinted: string; plain: string } {
  const run = randomBytes(4).toString('hex');
  return { a: `tenant-a-${run}`, b: `tenant-b-${run}`, paging: `tenant-p-${run}`, encoded: `tenant-e-${run}`, hinted: `tenant-h-${run}`, plain: `tenant-n-${run}` };
}

function ev(tenantId: string, id: string, minutes: number, classUid: number, body: Record<string, unknown>): StoredEvent {
  const time = T0 + minutes * MIN;
  const categoryUid = Math.floor(classUid / 1000);
  const activity = typeof body['activity_id'] === 'number' ? body['activity_id'] : 1;
  const event = {
    class_uid: classUid,
    category_uid: categoryUid,
    activity_id: activity,
    type_uid: classUid * 100 + activity,
    time,
    metadata: { uid: id, version: '1.8.0', product: { name: 'fixture', vendor_name: 'soc' } },
    ...body,
  };
  return { id, tenantId, time, classUid, source: classUid === 4001 ? 'zeek' : 'windows', event };
}

/** Six realistic OCSF-shaped events for tenant A (auth 3002, process 1007, network 4001). */
export function tenantAEvents(t: string): StoredEvent[] {
  return [
    ev(t, `${t}-a1`, 1, 3002, {
      severity_id: 1, status: 'Success', message: 'User alice logged in',
      actor: { user: { name: 'alice', uid: 'S-1-5-21-1001' } }, src_endpoint: { ip: '10.1.2.3', hostname: 'wks-01' },
      observables: [{ type_id: 2, name: 'src_endpoint.ip', value: '10.1.2.3' }, { type_id: 4, name: 'actor.user.name', value: 'alice' }],
    }),
    ev(t, `${t}-a2`, 2, 3002, {
      severity_id: 3, status: 'Failure', message: 'Logon FAILURE for bob',
      actor: { user: { name: 'bob' } }, src_endpoint: { ip: '2001:db8::5' },
      observables: [{ type_id: 2, name: 'src_endpoint.ip', value: '2001:db8::5' }],
    }),
    ev(t, `${t}-a3`, 3, 1007, {
      severity_id: 4, actor: { user: { name: 'alice' } }, device: { ip: '192.168.1.20', hostname: 'WKS-01' },
      process: { name: 'PowerShell.exe', pid: 4242, cmd_line: 'powershell -enc SQBFAFgA' },
      observables: [{ type_id: 1, name: 'device.hostname', value: 'WKS-01' }],
    }),
    ev(t, `${t}-a4`, 4, 4001, {
      severity_id: 2, activity_id: 6, src_endpoint: { ip: '10.9.9.9', port: 51000 }, dst_endpoint: { ip: '203.0.113.7', port: 443 },
      traffic: { bytes: 5000 },
      observables: [{ type_id: 2, name: 'dst_endpoint.ip', value: '203.0.113.7' }, { type_id: 2, name: 'src_endpoint.ip', value: '10.9.9.9' }],
    }),
    ev(t, `${t}-a5`, 5, 4001, {
      severity_id: 1, activity_id: 6, src_endpoint: { ip: '10.9.9.10', port: 51001 }, dst_endpoint: { ip: 'fe80::1', port: 22 },
      traffic: { bytes: 120 }, observables: [],
    }),
    ev(t, `${t}-a6`, 10, 3002, {
      severity_id: 1, status: 'Success', message: 'Carol authenticated via MFA',
      actor: { user: { name: 'Carol' } }, src_endpoint: { ip: '172.16.0.4' },
    }),
  ];
}

/** Tenant B shares values with tenant A on purpose, so any leak shows up in every query. */
export function tenantBEvents(t: string): StoredEvent[] {
  return [
    ev(t, `${t}-b1`, 1, 3002, {
      severity_id: 5, message: 'tenant b secret alpha', actor: { user: { name: 'alice' } }, src_endpoint: { ip: '10.1.2.3' },
      observables: [{ type_id: 2, value: '10.1.2.3' }],
    }),
    ev(t, `${t}-b2`, 4, 4001, { severity_id: 2, dst_endpoint: { ip: '203.0.113.7', port: 443 }, traffic: { bytes: 9000 } }),
    ev(t, `${t}-b3`, 3, 1007, { severity_id: 4, process: { name: 'powershell.exe', cmd_line: 'powershell -nop' } }),
  ];
}

/** `n` events, seven per second, so ties on time are common and the id tie-breaker matters. */
export function pagingEvents(t: string, n: number, offset = 0): StoredEvent[] {
  return Array.from({ length: n }, (_, i) =>
    ev(t, `${t}-p${String(i + offset).padStart(5, '0')}`, 0, 4001, { severity_id: (i + offset) % 5, src_endpoint: { ip: `10.0.${i % 250}.1` } }),
  ).map((e, i) => ({ ...e, time: T0 + Math.floor((i + offset) / 7) * 1000, event: { ...e.event, time: T0 + Math.floor((i + offset) / 7) * 1000 } }));
}

/** A query window covering every fixture. */
export const RANGE = { from: new Date(T0 - 3600_000).toISOString(), to: new Date(T0 + 3600_000).toISOString() };
