import { compact } from './compact';
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
  const ep = compact({
    ip: normalizeIp(input.ip),
    port: parsePort(input.port),
    hostname: input.hostname,
    name: input.name,
    domain: input.domain,
    uid: input.uid,
    mac: input.mac,
    svc_name: input.svc_name,
  }) as Record<string, unknown> | undefined;
  if (!ep) return undefined;
  const identifying = ['ip', 'hostname', 'name', 'uid', 'svc_name', 'domain'].some((k) => ep[k] !== undefined);
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
  const device = (compact({ ...input, ip: normalizeIp(input.ip), type_id }) ?? { type_id }) as Record<string, unknown>;
  const identifying = ['ip', 'hostname', 'name', 'uid'].some((k) => device[k] !== undefined);
  return identifying ? device : { ...device, name: 'unknown' };
}
