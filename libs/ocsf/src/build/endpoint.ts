import { compact, putCompact } from './compact';
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
  const ip = normalizeIp(input.ip);
  const hostname = compact(input.hostname);
  const name = compact(input.name);
  const domain = compact(input.domain);
  const uid = compact(input.uid);
  const svcName = compact(input.svc_name);
  if (ip === undefined && hostname === undefined && name === undefined && uid === undefined && svcName === undefined && domain === undefined) return undefined;
  // One named store per attribute (not putCompact's shared keyed store): this runs several times per event.
  const ep: Record<string, unknown> = {};
  if (ip !== undefined) ep['ip'] = ip;
  const port = parsePort(input.port);
  if (port !== undefined) ep['port'] = port;
  if (hostname !== undefined) ep['hostname'] = hostname;
  if (name !== undefined) ep['name'] = name;
  if (domain !== undefined) ep['domain'] = domain;
  if (uid !== undefined) ep['uid'] = uid;
  const mac = compact(input.mac);
  if (mac !== undefined) ep['mac'] = mac;
  if (svcName !== undefined) ep['svc_name'] = svcName;
  return ep;
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
