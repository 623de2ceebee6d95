/**
 * Decides which OCSF class and activity a CloudTrail record becomes. Pure tables over
 * `eventSource`/`eventName`/`eventType`, kept apart from field mapping so the choices can
 * be reviewed (and tested) in one place.
 */

/** OCSF classes this mapper emits. */
export const CLASS = {
  AccountChange: 3001,
  Authentication: 3002,
  GroupManagement: 3006,
  ApiActivity: 6003,
} as const;

/** The chosen class, activity and, for IAM changes, how to find the affected user. */
export interface CloudTrailClass {
  classUid: (typeof CLASS)[keyof typeof CLASS];
  activityId: number;
  /** Caption of the activity; for Other (99) the event name, so the meaning is not lost. */
  activityName: string;
}

/** Sign-in events (signin.amazonaws.com / AwsConsoleSignIn) that are logons, not changes. */
const SIGN_IN: Record<string, [number, string]> = {
  ConsoleLogin: [1, 'Logon'],
  CheckMfa: [1, 'Logon'],
  ExternalIdPDirectoryLogin: [1, 'Logon'],
  UserAuthentication: [1, 'Logon'],
  CredentialVerification: [1, 'Logon'],
  CredentialChallenge: [1, 'Logon'],
  SwitchRole: [7, 'Account Switch'],
  ConsoleLogout: [2, 'Logoff'],
};

/**
 * IAM user and credential changes with an Account Change (3001) activity. Access keys have
 * no dedicated activity, so they are Other (99) with the event name as activity_name:
 * they change the credentials of an account, which is what 3001 reports.
 */
const ACCOUNT_CHANGE: Record<string, number> = {
  CreateUser: 1,
  DeleteUser: 6,
  CreateLoginProfile: 3,
  ChangePassword: 3,
  PasswordUpdated: 3,
  UpdateLoginProfile: 4,
  DeleteLoginProfile: 5,
  AttachUserPolicy: 7,
  PutUserPolicy: 7,
  DetachUserPolicy: 8,
  DeleteUserPolicy: 8,
  EnableMFADevice: 10,
  DeactivateMFADevice: 11,
  CreateAccessKey: 99,
  DeleteAccessKey: 99,
  UpdateAccessKey: 99,
  UpdateUser: 99,
  UploadSSHPublicKey: 99,
  DeleteSSHPublicKey: 99,
  CreateServiceSpecificCredential: 99,
  DeleteServiceSpecificCredential: 99,
};

const ACCOUNT_CHANGE_CAPTIONS: Record<number, string> = {
  1: 'Create',
  3: 'Password Change',
  4: 'Password Reset',
  5: 'Disable',
  6: 'Delete',
  7: 'Attach Policy',
  8: 'Detach Policy',
  10: 'MFA Factor Enable',
  11: 'MFA Factor Disable',
};

/** Group membership is Group Management (3006), which has Add User / Remove User. */
const GROUP_CHANGE: Record<string, [number, string]> = {
  AddUserToGroup: [3, 'Add User'],
  RemoveUserFromGroup: [4, 'Remove User'],
  CreateGroup: [6, 'Create'],
  DeleteGroup: [5, 'Delete'],
};

const API_ACTIVITY_CAPTIONS: Record<number, string> = { 1: 'Create', 2: 'Read', 3: 'Update', 4: 'Delete' };

/**
 * API verbs by leading word of the event name. `Batch` is stripped first so `BatchGet...`
 * reads as Get. Verbs that neither create, read, update nor delete (AssumeRole, Decrypt,
 * SendCommand, ...) fall to Other (99).
 */
const VERBS: [number, string[]][] = [
  [1, ['Create', 'Add', 'Run', 'Import', 'Register', 'Allocate', 'Copy', 'Launch', 'Issue', 'Request', 'Generate', 'Upload', 'Publish', 'Invoke']],
  [2, ['Get', 'List', 'Describe', 'Head', 'Lookup', 'Search', 'Scan', 'Query', 'Select', 'View', 'Download', 'Check', 'Filter', 'Estimate', 'Preview']],
  [3, ['Update', 'Modify', 'Put', 'Set', 'Change', 'Edit', 'Enable', 'Disable', 'Attach', 'Detach', 'Associate', 'Disassociate', 'Authorize', 'Revoke', 'Start', 'Stop', 'Reboot', 'Reset', 'Tag', 'Untag', 'Replace', 'Restore', 'Rotate', 'Apply', 'Assign', 'Unassign', 'Accept', 'Reject', 'Cancel', 'Failover', 'Leave', 'Share', 'Unshare', 'Move', 'Rename', 'Link', 'Unlink', 'Schedule']],
  [4, ['Delete', 'Remove', 'Terminate', 'Destroy', 'Deregister', 'Release', 'Purge', 'Deactivate', 'Drop']],
];

function verbActivity(eventName: string, readOnly: unknown): number {
  const name = eventName.startsWith('Batch') ? eventName.slice('Batch'.length) : eventName;
  for (const [activity, verbs] of VERBS) {
    for (const verb of verbs) {
      // The verb must end at a word boundary of the CamelCase name ("Setup" is not "Set").
      if (name.startsWith(verb) && (name.length === verb.length || /[A-Z0-9]/.test(name[verb.length] ?? ''))) {
        return activity;
      }
    }
  }
  return readOnly === true || readOnly === 'true' ? 2 : 99;
}

/** Classifies one CloudTrail record by its event name, source and type. */
export function classifyCloudTrail(eventName: string, eventSource: string | undefined, eventType: string | undefined, readOnly: unknown): CloudTrailClass {
  const signIn = SIGN_IN[eventName];
  const isSignInSource = eventSource === 'signin.amazonaws.com' || eventType === 'AwsConsoleSignIn';
  if (signIn && isSignInSource) {
    return { classUid: CLASS.Authentication, activityId: signIn[0], activityName: signIn[1] };
  }
  const isIam = eventSource === undefined || eventSource === 'iam.amazonaws.com' || (eventName === 'PasswordUpdated' && isSignInSource);
  const accountActivity = ACCOUNT_CHANGE[eventName];
  if (isIam && accountActivity !== undefined) {
    return { classUid: CLASS.AccountChange, activityId: accountActivity, activityName: ACCOUNT_CHANGE_CAPTIONS[accountActivity] ?? eventName };
  }
  const group = GROUP_CHANGE[eventName];
  if (isIam && group) {
    return { classUid: CLASS.GroupManagement, activityId: group[0], activityName: group[1] };
  }
  const activityId = verbActivity(eventName, readOnly);
  return { classUid: CLASS.ApiActivity, activityId, activityName: API_ACTIVITY_CAPTIONS[activityId] ?? eventName };
}
