import { compact } from '../../build/compact';
import { isEmail } from '../../build/email';
import { buildNetworkEndpoint } from '../../build/endpoint';
import { asArray, asRecord, asString } from '../../build/field-readers';
import { normalizeIp, parsePort } from '../../build/ip';
import { STATUS, buildStatus } from '../../build/status';
import type { StatusAttributes } from '../../build/status';
import { nameValueMap } from './o365-record';

/** O365 `UserType` (number or its Sentinel name) -> OCSF user type_id. */
const USER_TYPES: Record<string, [number, string]> = {
  '0': [1, 'User'], regular: [1, 'User'],
  '2': [2, 'Admin'], admin: [2, 'Admin'],
  '3': [2, 'Admin'], dcadmin: [2, 'Admin'],
  '4': [3, 'System'], system: [3, 'System'],
  '5': [4, 'Service'], application: [4, 'Service'],
  '6': [4, 'Service'], serviceprincipal: [4, 'Service'],
};

/** OCSF user type of an O365 `UserType`, or undefined for a value without an OCSF equivalent. */
export function userTypeOf(value: unknown): [number, string] | undefined {
  return USER_TYPES[(asString(value) ?? '').toLowerCase()];
}

/** Placeholder UserKey values that identify nobody. */
const NO_KEY = new Set(['not available', 'n/a']);

/**
 * OCSF `user` of whoever performed the operation: `UserId` (a UPN, or a
 * `ServicePrincipal_<id>` / system name) with `UserKey` as uid and `UserType` as type.
 */
export function o365Actor(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const name = asString(body['UserId']);
  const key = asString(body['UserKey']);
  const uid = key && !NO_KEY.has(key.toLowerCase()) && key !== name ? key : undefined;
  if (!name && !uid) return undefined;
  const type = userTypeOf(body['UserType']) ?? (name?.startsWith('ServicePrincipal_') ? [4, 'Service'] : undefined);
  return compact({ name, uid, email_addr: isEmail(name) ? name : undefined, type_id: type?.[0], type: type?.[1] }) as Record<string, unknown>;
}

/**
 * The user a directory change is about: the `Target` entry of type 5 (UPN), else an
 * `ObjectId` that is a UPN. Undefined when the record names no user.
 */
export function o365TargetUser(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const upnTarget = asArray(body['Target'])
    .map((t) => asRecord(t))
    .find((t) => asString(t?.['Type']) === '5');
  const upn = asString(upnTarget?.['ID'] ?? upnTarget?.['Id']) ?? (isEmail(asString(body['ObjectId'])) ? asString(body['ObjectId']) : undefined);
  return upn ? (compact({ name: upn, email_addr: isEmail(upn) ? upn : undefined, type_id: 1, type: 'User' }) as Record<string, unknown>) : undefined;
}

/**
 * Splits `ClientIP` into address and port: `1.2.3.4`, `1.2.3.4:10736`, `2001:db8::1`,
 * `[2001:db8::1]:443` and `::ffff:1.2.3.4` all occur in the unified audit log.
 */
export function splitClientIp(value: string | undefined): { ip?: string; port?: number } {
  if (!value) return {};
  const s = value.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (bracketed) return { ip: normalizeIp(bracketed[1]), port: parsePort(bracketed[2]) };
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/.exec(s);
  if (v4port) return { ip: normalizeIp(v4port[1]), port: parsePort(v4port[2]) };
  return { ip: normalizeIp(s) };
}

/** `src_endpoint` from ClientIP (Exchange also writes ClientIPAddress; AAD ActorIpAddress). */
export function o365Endpoint(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const text = asString(body['ClientIP']) ?? asString(body['ClientIPAddress']) ?? asString(body['ActorIpAddress']);
  return buildNetworkEndpoint(splitClientIp(text));
}

/** Values of ResultStatus that mean success / failure (they vary by workload). */
const SUCCESS = new Set(['succeeded', 'success', 'true']);
const FAILURE = new Set(['failed', 'failure', 'false']);

/**
 * Status from ResultStatus; anything else it says (PartiallySucceeded...) is Other with
 * the source's word. A `UserLoginFailed` is a failure whatever ResultStatus says (the
 * audit log writes `Success` on failed logons: the *audit* succeeded), with the logon
 * error as code and detail.
 */
export function o365Status(body: Record<string, unknown>, operation: string): StatusAttributes {
  const logonError = asString(body['LogonError']);
  if (operation.toLowerCase() === 'userloginfailed') return buildStatus(false, logonError, logonError);
  const result = asString(body['ResultStatus']);
  if (result === undefined) return buildStatus(undefined, undefined, logonError);
  const r = result.toLowerCase();
  if (SUCCESS.has(r)) return buildStatus(true);
  if (FAILURE.has(r)) return buildStatus(false, undefined, logonError);
  return { status_id: STATUS.Other, status: result };
}

/** The HTTP user agent: `UserAgent` (SharePoint) or the ExtendedProperties entry (AAD). */
export function o365UserAgent(body: Record<string, unknown>): string | undefined {
  return asString(body['UserAgent']) ?? asString(nameValueMap(body['ExtendedProperties'])?.['UserAgent']);
}
