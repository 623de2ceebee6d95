import { SocError } from '@soc/errors';

/** A user with this email already exists in the tenant (case-insensitive). */
export const SOC_ERR_IAM_USER_EXISTS = 'SOC_ERR_IAM_USER_EXISTS';
/** The user is disabled: no new role, no new key, and their keys no longer authenticate. */
export const SOC_ERR_IAM_USER_DISABLED = 'SOC_ERR_IAM_USER_DISABLED';
/** A tenant with this id already exists (tenant ids are global). */
export const SOC_ERR_IAM_TENANT_EXISTS = 'SOC_ERR_IAM_TENANT_EXISTS';

/** 409: the email is taken in this tenant. */
export const userExists = (): SocError => new SocError(SOC_ERR_IAM_USER_EXISTS, 'a user with this email already exists in the tenant', { httpStatus: 409, details: { field: 'email' } });

/** 409: the user is disabled. */
export const userDisabled = (userId: string): SocError => new SocError(SOC_ERR_IAM_USER_DISABLED, `user ${userId} is disabled`, { httpStatus: 409 });

/** 409: the tenant id is taken. */
export const tenantExists = (id: string): SocError => new SocError(SOC_ERR_IAM_TENANT_EXISTS, `tenant ${id} already exists`, { httpStatus: 409, details: { field: 'id' } });
