import { asArray, asRecord, asString } from '../../build/field-readers';
import { classifyAudit } from './audit';

/** Class and activity of a Microsoft 365 unified audit record. */
export interface O365Class {
  classUid: 3001 | 3002 | 3005 | 3006 | 6003 | 6006;
  activityId: number;
  activityName?: string;
}

/** First word of an AzureActiveDirectory operation -> the Graph `operationType` it implies. */
const AAD_VERBS: Record<string, string> = { add: 'Add', update: 'Update', set: 'Update', delete: 'Delete', remove: 'Remove', hard: 'Delete', consent: 'Assign', reset: 'Reset', enable: 'Enable', disable: 'Disable', restore: 'Update' };

/** Exchange cmdlet verb -> API Activity (6003) activity. */
const CMDLET_VERBS: Record<string, number> = { new: 1, add: 1, get: 2, set: 3, enable: 3, disable: 3, update: 3, remove: 4 };

/** Exchange mailbox-item operations (not cmdlets) -> API Activity (6003) activity. */
const MAILBOX_ITEM_OPS: Record<string, number> = {
  mailitemsaccessed: 2,
  create: 1,
  update: 3,
  updateinboxrules: 3,
  updatecalendardelegation: 3,
  updatefolderpermissions: 3,
  addfolderpermissions: 1,
  removefolderpermissions: 4,
  softdelete: 4,
  harddelete: 4,
  movetodeleteditems: 4,
};

/**
 * SharePoint / OneDrive operations -> File Hosting Activity (6006) activity. OCSF 6006
 * is the class for "file sharing servers like SharePoint ... MS OneDrive", so file and
 * sharing operations go there rather than to generic API Activity or to File System
 * Activity (1001), which describes a file on a device the event was observed on.
 */
const FILE_HOSTING_OPS: Record<string, number> = {
  fileuploaded: 1, filedownloaded: 2, filesyncdownloadedfull: 2, filesyncdownloadedpartial: 2, filemodified: 3, filemodifiedextended: 3,
  filesyncuploadedfull: 1, filesyncuploadedpartial: 1, filedeleted: 4, filedeletedfirststagerecyclebin: 4, filedeletedsecondstagerecyclebin: 4,
  filerecycled: 4, filerenamed: 5, filecopied: 6, filemoved: 7, filerestored: 8, filepreviewed: 9, filecheckedout: 10, filecheckedin: 11,
  filecheckoutdiscarded: 11, fileaccessed: 14, fileaccessedextended: 14,
  sharingset: 12, sharinginvitationcreated: 12, addedtosecurelink: 12, securelinkcreated: 12, anonymouslinkcreated: 12, companylinkcreated: 12,
  addedtosharinglink: 12, sharinglinkcreated: 12,
  sharingrevoked: 13, removedfromsecurelink: 13, securelinkdeleted: 13, anonymouslinkremoved: 13, companylinkremoved: 13, sharinglinkremoved: 13,
};

/**
 * Classifies an Azure AD (Entra) record of the unified audit log: sign-ins -> 3002; the
 * directory changes reuse the Graph-shape rules ({@link classifyAudit}) on the operation
 * without its trailing period, with the Graph `operationType` implied by its verb. A user
 * update that only adds or clears StrongAuthenticationMethod is an MFA factor change.
 */
function classifyAad(operation: string, body: Record<string, unknown>): O365Class {
  const op = operation.trim().replace(/\.$/, '');
  const lower = op.toLowerCase();
  if (lower === 'userloggedin' || lower === 'userloginfailed') return { classUid: 3002, activityId: 1 };
  if (lower === 'userloggedout') return { classUid: 3002, activityId: 2 };
  const verb = AAD_VERBS[lower.split(/\s+/)[0] ?? ''];
  const cls = classifyAudit(op, undefined, verb, undefined);
  if (cls.classUid === 3001 && lower === 'update user') {
    const mfa = mfaChange(body);
    if (mfa !== undefined) return { classUid: 3001, activityId: mfa };
  }
  return cls;
}

/** 10 MFA Factor Enable / 11 MFA Factor Disable from the StrongAuthenticationMethod property, else undefined. */
function mfaChange(body: Record<string, unknown>): number | undefined {
  for (const p of asArray(body['ModifiedProperties'])) {
    const prop = asRecord(p);
    if (asString(prop?.['Name']) !== 'StrongAuthenticationMethod') continue;
    const empty = (v: unknown) => /^\s*(\[\s*\])?\s*$/.test(typeof v === 'string' ? v : '');
    if (empty(prop?.['OldValue']) && !empty(prop?.['NewValue'])) return 10;
    if (!empty(prop?.['OldValue']) && empty(prop?.['NewValue'])) return 11;
  }
  return undefined;
}

/**
 * Exchange: mailbox item operations by name, admin cmdlets (`New-InboxRule`,
 * `Set-Mailbox`...) by verb, a mailbox logon as Authentication.
 */
function classifyExchange(operation: string): O365Class {
  const lower = operation.trim().toLowerCase();
  if (lower === 'mailboxlogin') return { classUid: 3002, activityId: 1 };
  const item = MAILBOX_ITEM_OPS[lower];
  if (item !== undefined) return { classUid: 6003, activityId: item };
  const cmdlet = /^([a-z]+)-[a-z0-9]+$/.exec(lower);
  const verb = cmdlet ? CMDLET_VERBS[cmdlet[1] ?? ''] : undefined;
  return verb !== undefined ? { classUid: 6003, activityId: verb } : { classUid: 6003, activityId: 99, activityName: operation.trim() };
}

/**
 * Class and activity of a unified audit record by workload and operation. File-hosting
 * operations need a file name (`SourceFileName` or the last segment of `ObjectId`); without
 * one they fall back to API Activity. Unknown operations of any workload are API Activity
 * with activity Other and the operation as its name.
 */
export function classifyO365(workload: string, operation: string, body: Record<string, unknown>, hasFile: boolean): O365Class {
  const w = workload.toLowerCase();
  if (w === 'azureactivedirectory') return classifyAad(operation, body);
  if (w === 'exchange') return classifyExchange(operation);
  const file = FILE_HOSTING_OPS[operation.trim().toLowerCase()];
  if ((w === 'sharepoint' || w === 'onedrive') && file !== undefined && hasFile) return { classUid: 6006, activityId: file };
  return { classUid: 6003, activityId: 99, activityName: operation.trim() };
}
