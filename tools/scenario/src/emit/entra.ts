import type { Build } from '../draft';
import { isoMs, isoSec } from '../format';
import type { Rng } from '../rng';
import type { Place, User } from '../world/types';

/** One Entra ID sign-in (Microsoft Graph `signIn` resource). */
export interface EntraSignIn {
  user: User;
  app: { appId: string; name: string };
  resource: { id: string; name: string };
  ip: string;
  place: Place;
  userAgent: string;
  clientAppUsed: string;
  interactive: boolean;
  errorCode: number;
  failureReason?: string;
  additionalDetails?: string;
  mfa?: { method: string; succeeded: boolean; detail: string };
  device: { os: string; browser: string; compliant: boolean; managed: boolean; deviceId: string; name: string };
  risk?: 'none' | 'low' | 'medium' | 'high';
}

/** A Graph `signIn` object. */
export function entraSignIn(rng: Rng, time: number, s: EntraSignIn, tenantId: string): Build {
  const steps: Record<string, unknown>[] = [
    { authenticationStepDateTime: isoSec(time), authenticationMethod: 'Password', authenticationMethodDetail: 'Password in the cloud', succeeded: s.errorCode !== 50126, authenticationStepResultDetail: s.errorCode === 50126 ? 'Invalid username or password or Invalid on-premise username or password.' : 'Correct password', authenticationStepRequirement: 'Primary authentication' },
  ];
  if (s.mfa) {
    steps.push({ authenticationStepDateTime: isoSec(time + 15_000), authenticationMethod: s.mfa.method, authenticationMethodDetail: null, succeeded: s.mfa.succeeded, authenticationStepResultDetail: s.mfa.detail, authenticationStepRequirement: 'Multifactor authentication' });
  }
  const risk = s.risk ?? 'none';
  const rec = {
    id: rng.uuid(),
    createdDateTime: isoMs(time).replace(/\.\d{3}Z$/, 'Z'),
    userDisplayName: s.user.displayName,
    userPrincipalName: s.user.upn,
    userId: s.user.entraId,
    appId: s.app.appId,
    appDisplayName: s.app.name,
    ipAddress: s.ip,
    clientAppUsed: s.clientAppUsed,
    userAgent: s.userAgent,
    correlationId: rng.uuid(),
    conditionalAccessStatus: s.errorCode === 0 ? 'success' : 'notApplied',
    originalRequestId: rng.uuid(),
    isInteractive: s.interactive,
    tokenIssuerName: '',
    tokenIssuerType: 'AzureAD',
    processingTimeInMilliseconds: rng.int(40, 400),
    riskDetail: risk === 'none' ? 'none' : 'hidden',
    riskLevelAggregated: risk,
    riskLevelDuringSignIn: risk,
    riskState: risk === 'none' ? 'none' : 'atRisk',
    riskEventTypes_v2: risk === 'none' ? [] : ['unfamiliarFeatures'],
    resourceDisplayName: s.resource.name,
    resourceId: s.resource.id,
    resourceTenantId: tenantId,
    homeTenantId: tenantId,
    authenticationRequirement: s.mfa ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    status: { errorCode: s.errorCode, failureReason: s.failureReason ?? (s.errorCode === 0 ? null : 'Other.'), additionalDetails: s.additionalDetails ?? null },
    deviceDetail: { deviceId: s.device.deviceId, displayName: s.device.name, operatingSystem: s.device.os, browser: s.device.browser, isCompliant: s.device.compliant, isManaged: s.device.managed, trustType: s.device.managed ? 'Hybrid Azure AD joined' : '' },
    location: { city: s.place.city, state: s.place.state, countryOrRegion: s.place.country, geoCoordinates: { altitude: null, latitude: s.place.lat, longitude: s.place.lon } },
    appliedConditionalAccessPolicies: [{ id: '6b1f2c1e-0d7e-4c0e-9d7a-2f4b5f0c9a11', displayName: 'Require MFA for all users', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: s.errorCode === 0 ? 'success' : 'notApplied' }],
    authenticationDetails: steps,
  };
  return () => rec;
}

/** Who initiated a directory change. */
export type Initiator = { user: User; ip: string } | { app: { appId: string; name: string; spId: string } };

/** One Entra directory audit (Graph `directoryAudit`). */
export interface EntraAudit {
  activity: string;
  category: string;
  operationType: 'Add' | 'Update' | 'Delete' | 'Assign' | 'Unassign';
  result: 'success' | 'failure';
  initiatedBy: Initiator;
  targets: { id: string; displayName: string; type: string; userPrincipalName?: string; modifiedProperties?: { displayName: string; oldValue: string | null; newValue: string | null }[] }[];
  details?: { key: string; value: string }[];
  service?: string;
}

/** A Graph `directoryAudit` object. */
export function entraAudit(rng: Rng, time: number, a: EntraAudit): Build {
  const initiatedBy = 'user' in a.initiatedBy
    ? { user: { id: a.initiatedBy.user.entraId, displayName: null, userPrincipalName: a.initiatedBy.user.upn, ipAddress: a.initiatedBy.ip, userType: null, homeTenantId: null, homeTenantName: null }, app: null }
    : { user: null, app: { appId: a.initiatedBy.app.appId, displayName: a.initiatedBy.app.name, servicePrincipalId: a.initiatedBy.app.spId, servicePrincipalName: null } };
  const rec = {
    id: `Directory_${rng.uuid()}_${rng.b62(5).toUpperCase()}_${rng.int(1e7, 9e7)}`,
    category: a.category,
    correlationId: rng.uuid(),
    result: a.result,
    resultReason: '',
    activityDisplayName: a.activity,
    activityDateTime: isoMs(time).replace(/Z$/, '0000Z'),
    loggedByService: a.service ?? 'Core Directory',
    operationType: a.operationType,
    initiatedBy,
    targetResources: a.targets.map((t) => ({ id: t.id, displayName: t.displayName, type: t.type, userPrincipalName: t.userPrincipalName ?? null, groupType: null, modifiedProperties: t.modifiedProperties ?? [] })),
    additionalDetails: a.details ?? [],
  };
  return () => rec;
}

/** One Microsoft 365 unified audit record from Exchange (MailItemsAccessed, New-InboxRule). */
export interface ExchangeAudit {
  operation: string;
  user: User;
  clientIp: string;
  organization: string;
  clientInfo: string;
  appId?: string;
  parameters?: { Name: string; Value: string }[];
  folders?: { Path: string; count: number }[];
  throttled?: boolean;
}

/** A Management Activity API record (Workload Exchange) delivered on the entra feed. */
export function exchangeAudit(rng: Rng, time: number, e: ExchangeAudit): Build {
  const rec: Record<string, unknown> = {
    CreationTime: isoSec(time).slice(0, 19),
    Id: rng.uuid(),
    Operation: e.operation,
    OrganizationId: e.organization,
    RecordType: e.operation === 'MailItemsAccessed' ? 50 : 1,
    ResultStatus: 'Succeeded',
    UserKey: e.user.entraId,
    UserType: 0,
    Version: 1,
    Workload: 'Exchange',
    ClientIP: e.clientIp,
    UserId: e.user.upn,
    ClientInfoString: e.clientInfo,
  };
  if (e.appId) rec['AppId'] = e.appId;
  if (e.parameters) rec['Parameters'] = e.parameters;
  if (e.folders) {
    rec['MailboxGuid'] = rng.uuid();
    rec['MailboxOwnerUPN'] = e.user.upn;
    rec['OperationProperties'] = [{ Name: 'MailAccessType', Value: 'Bind' }, { Name: 'IsThrottled', Value: String(e.throttled ?? false) }];
    rec['Folders'] = e.folders.map((f) => ({ Path: f.Path, FolderItems: Array.from({ length: f.count }, () => ({ InternetMessageId: `<${rng.hex(12).toUpperCase()}@${rng.pick(['BN8PR11MB', 'SA1PR12MB', 'CH2PR04MB'])}${rng.int(1000, 9999)}.namprd11.prod.outlook.com>`, SizeInBytes: rng.int(8_000, 400_000) })) }));
    rec['OperationCount'] = e.folders.reduce((n, f) => n + f.count, 0);
  }
  return () => rec;
}
