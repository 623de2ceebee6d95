import { compact } from '../../build/compact';
import { isEmail } from '../../build/email';
import { asArray, asRecord, asString } from '../../build/field-readers';
import { FILE_TYPE, buildFile } from '../../build/file';
import { OBSERVABLE_TYPE, buildObservable } from '../../build/observables';
import type { Observable } from '../../build/observables';
import { nameValueMap } from './o365-record';

/**
 * `api.request.data` of a unified audit record: the cmdlet `Parameters` and the
 * `OperationProperties` as name -> value objects. Inbox-rule and mailbox cmdlets carry
 * what detection needs here (ForwardTo, RedirectTo, DeleteMessage, MoveToFolder,
 * ForwardingSmtpAddress...), e.g. `api.request.data.parameters.ForwardTo`; MailItemsAccessed
 * carries MailAccessType (Bind / Sync) and IsThrottled.
 */
export function o365RequestData(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const parameters = nameValueMap(body['Parameters']);
  const properties = nameValueMap(body['OperationProperties']);
  if (!parameters && !properties) return undefined;
  return { ...(parameters ? { parameters } : {}), ...(properties ? { operation_properties: properties } : {}) };
}

/** The part of an Exchange identity after its last backslash (`...\<mailbox>\<rule name>`). */
function identityTail(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const tail = value.slice(value.lastIndexOf('\\') + 1).trim();
  return tail === '' ? undefined : tail;
}

function userRef(name: string | undefined): Record<string, unknown> | undefined {
  return name ? { name, email_addr: isEmail(name) ? name : undefined } : undefined;
}

/**
 * The object an Exchange cmdlet acted on: type is the cmdlet noun (`InboxRule`,
 * `Mailbox`, `MailboxPermission`), name the rule name or Identity, uid the ObjectId,
 * owner the mailbox (the `Mailbox` parameter, else the caller).
 */
function cmdletResource(body: Record<string, unknown>, operation: string): Record<string, unknown> | undefined {
  const noun = /^[A-Za-z]+-([A-Za-z0-9]+)$/.exec(operation.trim())?.[1];
  const params = nameValueMap(body['Parameters']) ?? {};
  const objectId = asString(body['ObjectId']);
  const name = asString(params['Name']) ?? identityTail(asString(params['Identity'])) ?? identityTail(objectId);
  if (!objectId && !name) return undefined;
  const mailbox = noun?.toLowerCase() === 'inboxrule' ? (asString(params['Mailbox']) ?? asString(body['UserId'])) : undefined;
  return compact({ uid: objectId, name, type: noun, owner: userRef(mailbox) }) as Record<string, unknown>;
}

/** The mailbox and each folder a MailItemsAccessed touched (folder items kept in `data`). */
function mailboxResources(body: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const owner = asString(body['MailboxOwnerUPN']);
  const guid = asString(body['MailboxGuid']);
  if (owner || guid) out.push(compact({ uid: guid, name: owner, type: 'Mailbox', owner: userRef(owner) }) as Record<string, unknown>);
  for (const f of asArray(body['Folders'])) {
    const folder = asRecord(f);
    if (!folder) continue;
    const items = asArray(folder['FolderItems']);
    const r = compact({ uid: asString(folder['Id']), name: asString(folder['Path']), type: 'Mailbox Folder', data: items.length > 0 ? { item_count: items.length, FolderItems: items } : undefined });
    if (r && (r['uid'] !== undefined || r['name'] !== undefined)) out.push(r as Record<string, unknown>);
  }
  return out;
}

/**
 * `resources` of an API Activity built from a unified audit record: the mailbox and
 * folders of a mailbox access, the object of an Exchange cmdlet, else the ObjectId.
 */
export function o365Resources(body: Record<string, unknown>, workload: string, operation: string): Record<string, unknown>[] {
  const mailbox = mailboxResources(body);
  if (mailbox.length > 0) return mailbox;
  if (workload.toLowerCase() === 'exchange') {
    const r = cmdletResource(body, operation);
    return r ? [r] : [];
  }
  const objectId = asString(body['ObjectId']);
  return objectId ? [compact({ uid: objectId, type: asString(body['ItemType']) }) as Record<string, unknown>] : [];
}

/** URL-decoded text, or the text as it is when its escapes are malformed. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * OCSF `file` of a SharePoint / OneDrive operation: name from SourceFileName (or the last
 * URL segment of ObjectId), the site-relative path, the full URL as `uri`.
 */
export function o365File(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const objectId = asString(body['ObjectId']);
  const url = objectId && /^https?:\/\//i.test(objectId) ? objectId : undefined;
  const fromUrl = url ? safeDecode(url.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? '') : undefined;
  const itemType = asString(body['ItemType'])?.toLowerCase();
  const file = buildFile({
    name: asString(body['SourceFileName']) ?? (fromUrl || undefined),
    path: asString(body['SourceRelativeUrl']),
    type_id: itemType === 'folder' ? FILE_TYPE.Folder : itemType === 'file' ? FILE_TYPE.RegularFile : FILE_TYPE.Unknown,
  });
  if (!file) return undefined;
  // The builder's fresh file is extended in place (a spread copy followed by more keys is slow in V8).
  return compact(Object.assign(file, { ext: asString(body['SourceFileExtension']), uri: url })) as Record<string, unknown>;
}

/** Cmdlet parameters that send mail elsewhere (inbox rules, mailbox forwarding, transport rules). */
const FORWARDING_PARAMETERS = ['ForwardTo', 'ForwardAsAttachmentTo', 'RedirectTo', 'ForwardingSmtpAddress', 'ForwardingAddress', 'RedirectMessageTo', 'BlindCopyTo'];

/**
 * Email Address observables for every forwarding / redirect target in the cmdlet
 * parameters (`a@x;b@y`, `smtp:a@x`), so an analyst can pivot on where mail is sent.
 */
export function forwardingObservables(body: Record<string, unknown>): Observable[] {
  const params = nameValueMap(body['Parameters']) ?? {};
  const out: Observable[] = [];
  for (const name of FORWARDING_PARAMETERS) {
    for (const value of asArray(params[name])) {
      for (const part of (asString(value) ?? '').split(/[;,]/)) {
        const addr = part.trim().replace(/^smtp:/i, '');
        const o = isEmail(addr) ? buildObservable(`api.request.data.parameters.${name}`, OBSERVABLE_TYPE.EmailAddress, addr) : undefined;
        if (o) out.push(o);
      }
    }
  }
  return out;
}
