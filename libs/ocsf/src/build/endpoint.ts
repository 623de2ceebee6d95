import { putCompact } from './compact';
import { normalizeIp, parsePort } from './ip';

/** Inputs of {@link buildNetworkEndpoint}. Raw values are normalised; invalid IPs/ports are dropped. */
export interface EndpointInput {
  ip?: unknown;
  port?: unknown;
  hostname?: string;
  name?: string;
  domain?: string;
  uid?: string;
  mac?: string;
  svc_name?: string;
}

/**
 * Builds an OCSF `network_endpoint` (src_endpoint / dst_endpoint), or `undefined` when
 * nothing identifying is left (the schema needs one of ip, hostname, name, uid...).
 */
export function buildNetworkEndpoint(input: EndpointInput): Record<string, unknown> | undefined {
  const ep: Record<string, unknown> = {};
  putCompact(ep, 'ip', normalizeIp(input.ip));
  putCompact(ep, 'port', parsePort(input.port));
  putCompact(ep, 'hostname', input.hostname);
  putCompact(ep, 'name', input.name);
  putCompact(ep, 'domain', input.domain);
  putCompact(ep, 'uid', input.uid);
  putCompact(ep, 'mac', input.mac);
  putCompact(ep, 'svc_name', input.svc_name);
  const identifying =
    ep['ip'] !== undefined || ep['hostname'] !== undefined || ep['name'] !== undefined || ep['uid'] !== undefined || ep['svc_name'] !== undefined || ep['domain'] !== undefined;
  return identifying ? ep : undefined;
}

/** Inputs of {@link buildDevice}. */
export interface DeviceInput {
  hostname?: string;
  name?: string;
  ip?: unknown;
  uid?: string;
  domain?: string;
  /** OCSF device.type_id (0 Unknown, 1 Server, 2 Desktop, 3 Laptop, ...). */
  type_id?: number;
  os?: { name: string; type_id: number; version?: string };
}

/**
 * Builds the OCSF `device` (the host that reported the event). `type_id` is required by
 * the schema and defaults to 0 (Unknown). When no identifier is known the device is
 * named `unknown` rather than dropped, because system classes require `device`.
 */
export function buildDevice(input: DeviceInput): Record<string, unknown> {
  const type_id = input.type_id ?? 0;
  const device: Record<string, unknown> = {};
  const rec = input as Record<string, unknown>;
  // Field by field, `ip` normalised and `type_id` defaulted, in the key order a spread would give.
  for (const k in rec) {
    if (!Object.prototype.hasOwnProperty.call(rec, k)) continue;
    putCompact(device, k, k === 'ip' ? normalizeIp(input.ip) : k === 'type_id' ? type_id : rec[k]);
  }
  if (!Object.prototype.hasOwnProperty.call(rec, 'ip')) putCompact(device, 'ip', normalizeIp(input.ip));
  if (!Object.prototype.hasOwnProperty.call(rec, 'type_id')) device['type_id'] = type_id;
  const identifying = device['ip'] !== undefined || device['hostname'] !== undefined || device['name'] !== undefined || device['uid'] !== undefined;
  if (!identifying) device['name'] = 'unknown';
  return device;
}
