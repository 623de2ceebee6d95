import type { EntityRef } from '../entity-graph';
import type { Observation } from '../observation';
import { EdgeList, type Rec, entity, hostOf, ipOf, isIpText, list, processOf, rec, text, userOf } from './fields';

const STATUS_FAILURE = 2;
/** Resource kinds (CloudTrail, Entra, GitHub, Okta spellings) that are applications. */
const APP_RESOURCES = /^(serviceprincipal|application|app|appinstance|oauth2client)$/i;
const MAX_RESOURCES = 10;
const MAX_RECIPIENTS = 20;
const MAX_ANSWERS = 10;

/**
 * The principal acting in an API or account event. CloudTrail names principals by ARN (the
 * alert entities' `cloud_principal`), everything else by user name.
 */
function principalOf(e: Rec, source: string): EntityRef | undefined {
  const user = rec(rec(e['actor'])?.['user']);
  if (source === 'aws-cloudtrail') {
    const arn = text(user, 'uid');
    if (arn !== undefined) return entity('cloud_principal', arn);
  }
  return userOf(user);
}

/** The access key a principal used: the user's credential, else the session's. */
function keyOf(e: Rec): EntityRef | undefined {
  const actor = rec(e['actor']);
  return entity('access_key', text(rec(actor?.['user']), 'credential_uid') ?? text(rec(actor?.['session']), 'credential_uid'));
}

/** Endpoint facts any event can carry: a named source endpoint with its address, the acting process on the device. */
function context(e: Rec, out: EdgeList): void {
  const src = rec(e['src_endpoint']);
  const srcHost = entity('host', text(src, 'hostname'));
  out.link(srcHost, 'has_ip', ipOf(src));
  const actor = rec(e['actor']);
  const actorProcess = processOf(actor?.['process']);
  out.link(actorProcess, 'ran_on', hostOf(e['device']));
  out.link(userOf(actor?.['user']), 'executed', actorProcess);
}

/** 3002: logons onto a device, and the address an authentication came from. */
function authentication(e: Rec, out: EdgeList): void {
  const user = userOf(e['user']);
  if (!user) return;
  const activity = e['activity_id'];
  const failed = e['status_id'] === STATUS_FAILURE;
  // Logoff (2) repeats what the logon said.
  if (activity === 2) return;
  if (activity === 1) {
    out.link(user, failed ? 'logon_failed' : 'logged_on', hostOf(e['device']));
    if (!failed) out.link(user, 'signed_in_to', entity('app', text(rec(e['actor']), 'app_name')));
  }
  out.link(user, failed ? 'auth_failed_from' : 'authenticated_from', ipOf(e['src_endpoint']));
}

/** 3003: privileges given to a session on a device (sudo, special logon). */
function authorizeSession(e: Rec, out: EdgeList): void {
  out.link(userOf(e['user']), 'elevated_on', hostOf(e['device']));
}

/** 3001, 3005, 3006: a principal changing an account; a key created for the target belongs to it. */
function accountChange(e: Rec, source: string, out: EdgeList): void {
  const actor = principalOf(e, source);
  const target = userOf(e['user']);
  out.link(actor, 'modified', target);
  out.link(target, 'owns_key', entity('access_key', text(rec(e['user']), 'credential_uid')));
  out.link(actor, 'used_key', keyOf(e));
  out.link(actor, 'called_from', ipOf(e['src_endpoint']));
}

/** 6003: the operation a principal called, from where, with which key, on which repository, mailbox or app. */
function apiActivity(e: Rec, source: string, out: EdgeList): void {
  const actor = principalOf(e, source);
  if (!actor) return;
  const api = rec(e['api']);
  const operation = text(api, 'operation');
  const service = text(rec(api?.['service']), 'name');
  if (operation !== undefined) out.link(actor, 'called', entity('api_operation', service === undefined ? operation : `${service}:${operation}`));
  out.link(actor, 'called_from', ipOf(e['src_endpoint']));
  out.link(actor, 'used_key', keyOf(e));
  const consent = operation !== undefined && /consent/i.test(operation);
  for (const r of list(e, 'resources').slice(0, MAX_RESOURCES)) {
    const res = rec(r);
    const kind = text(res, 'type') ?? '';
    const name = text(res, 'name');
    if (/^repository$/i.test(kind)) out.link(actor, 'accessed', entity('repository', name));
    else if (/^mailbox$/i.test(kind)) out.link(actor, 'accessed', entity('mailbox', text(rec(res?.['owner']), 'email_addr') ?? name));
    else if (APP_RESOURCES.test(kind)) {
      const app = entity('app', name);
      if (consent && actor.type === 'user') out.link(actor, 'consented_to', app);
      else out.link(actor, 'modified', app);
    }
  }
}

/** 1007: parent spawned child (launch) or one process opened another (access), on the device, by the user. */
function processActivity(e: Rec, out: EdgeList): void {
  const p = rec(e['process']);
  const proc = processOf(p);
  if (!proc) return;
  const actorProcess = processOf(rec(e['actor'])?.['process']);
  out.link(proc, 'ran_on', hostOf(e['device']));
  const activity = e['activity_id'];
  if (activity === 3) {
    out.link(actorProcess, 'opened', proc);
    return;
  }
  if (activity !== 1) return;
  out.link(processOf(p?.['parent_process']) ?? actorProcess, 'spawned', proc);
  out.link(userOf(p?.['user']) ?? userOf(rec(e['actor'])?.['user']), 'executed', proc);
  for (const h of list(rec(p?.['file']), 'hashes').slice(0, 4)) out.link(proc, 'has_hash', entity('file_hash', text(rec(h), 'value')));
}

/** 4001, 4002: address to address (and process to address); a named destination resolves to its address. */
function networkActivity(e: Rec, out: EdgeList): void {
  const src = ipOf(e['src_endpoint']);
  const dstEndpoint = rec(e['dst_endpoint']);
  const dst = ipOf(dstEndpoint);
  out.link(src, 'connected_to', dst);
  out.link(processOf(rec(e['actor'])?.['process']), 'connected_to', dst);
  // A destination host name is a peer's name: the alert entities call it a domain.
  out.link(entity('domain', text(dstEndpoint, 'hostname')), 'resolves_to', dst);
  const url = text(rec(rec(e['http_request'])?.['url']), 'url_string');
  out.link(src ?? hostOf(e['device']), 'requested', entity('url', url));
}

/** 4003: who looked a domain up, and the addresses it resolved to. */
function dnsActivity(e: Rec, out: EdgeList): void {
  const domain = entity('domain', text(rec(e['query']), 'hostname'));
  if (!domain) return;
  out.link(ipOf(e['src_endpoint']) ?? hostOf(e['device']), 'resolved', domain);
  for (const a of list(e, 'answers').slice(0, MAX_ANSWERS)) {
    const data = text(rec(a), 'rdata');
    if (data !== undefined && isIpText(data)) out.link(domain, 'resolves_to', entity('ip', data));
  }
}

/** 4009: sender to each recipient. */
function emailActivity(e: Rec, out: EdgeList): void {
  const email = rec(e['email']);
  const from = entity('mailbox', text(email, 'from'));
  const recipients = [...list(email, 'to'), ...list(email, 'cc')].slice(0, MAX_RECIPIENTS);
  for (const r of recipients) if (typeof r === 'string' && r !== '') out.link(from, 'sent', entity('mailbox', r));
}

/** Per OCSF class, what the event says about the graph. */
function classEdges(e: Rec, source: string, out: EdgeList): void {
  switch (e['class_uid']) {
    case 3002:
      return authentication(e, out);
    case 3003:
      return authorizeSession(e, out);
    case 3001:
    case 3005:
    case 3006:
      return accountChange(e, source, out);
    case 6003:
      return apiActivity(e, source, out);
    case 1007:
      return processActivity(e, out);
    case 4001:
    case 4002:
      return networkActivity(e, out);
    case 4003:
      return dnsActivity(e, out);
    case 4009:
      return emailActivity(e, out);
    default:
      return undefined;
  }
}

/**
 * The entities and relationships of one normalized OCSF event (user logged on to host, parent
 * spawned process, principal called API, address connected to address, user consented to
 * app...), keyed like alert entities. Never throws on a malformed event; returns undefined
 * when the event shows no relationship.
 */
export function eventObservation(event: Readonly<Record<string, unknown>>, source: string, eventId: string): Observation | undefined {
  const out = new EdgeList();
  classEdges(event, source, out);
  context(event, out);
  if (out.edges.length === 0) return undefined;
  const time = typeof event['time'] === 'number' && Number.isSafeInteger(event['time']) ? event['time'] : 0;
  return { time, evidence: `event:${eventId}`, entities: [], edges: out.edges };
}
