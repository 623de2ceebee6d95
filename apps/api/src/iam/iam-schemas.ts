import { type Static, type TLiteral, type TSchema, type TUnion, Type } from '@sinclair/typebox';
import { API_KEY_SCOPES, ROLES } from '@soc/iam';

const literals = <T extends string>(values: readonly T[]): TUnion<TLiteral<T>[]> => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Time = Type.String({ format: 'date-time' });
const Reason = Type.String({ minLength: 1, maxLength: 2000, description: 'Why; recorded in the audit trail.' });

export const RoleSchema = literals(ROLES);
export const ScopeSchema = literals(API_KEY_SCOPES);
const Scopes = Type.Array(ScopeSchema, { minItems: 1, maxItems: API_KEY_SCOPES.length, uniqueItems: true, description: 'Ceiling on what the key may do below its role: ingest, read, write (SOC work), admin (everything).' });
const Id = Type.String({ minLength: 1, maxLength: 64 });

/** A change that must say why (disable, revoke). */
export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export type ReasonBody = Static<typeof ReasonBody>;

export const UserIdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type UserIdParams = Static<typeof UserIdParams>;
export const UserRoleParams = Type.Object({ id: Id, role: RoleSchema }, { additionalProperties: false });
export type UserRoleParams = Static<typeof UserRoleParams>;

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+$' }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Optional(Type.Array(RoleSchema, { maxItems: ROLES.length, uniqueItems: true, description: 'Granted with the user; none of them above the caller\'s own.' })),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UserListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
    includeDisabled: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const GrantBody = Type.Object({ role: RoleSchema, reason: Type.Optional(Reason) }, { additionalProperties: false });
export type GrantBody = Static<typeof GrantBody>;

export const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema, { description: 'Active role bindings in the tenant.' }),
  createdAt: Time,
  createdBy: Type.String(),
  disabledAt: Nullable(Time),
  disabledBy: Nullable(Type.String()),
});
export type UserView = Static<typeof UserView>;
export const UserPageView = Type.Object({ items: Type.Array(UserView), nextCursor: Type.Optional(Type.String()) });

export const RoleBindingView = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  role: RoleSchema,
  grantedBy: Type.String(),
  createdAt: Time,
  revokedAt: Nullable(Time),
  revokedBy: Nullable(Type.String()),
});
export type RoleBindingView = Static<typeof RoleBindingView>;

export const KeyIdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type KeyIdParams = Static<typeof KeyIdParams>;

export const CreateKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    scopes: Scopes,
    role: Type.Optional(Type.Union(ROLES.map((r) => Type.Literal(r)), { description: 'A service key with this role (not above the caller\'s own). Give role or userId.' })),
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The key acts as this user, with the user\'s current roles.' })),
    expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'Absent: never expires.' })),
  },
  { additionalProperties: false },
);
export type CreateKeyBody = Static<typeof CreateKeyBody>;

export const ApiKeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'Public part of the key, to recognise it.' }),
  scopes: Type.Array(ScopeSchema),
  role: Nullable(RoleSchema),
  userId: Nullable(Type.String()),
  createdAt: Time,
  createdBy: Nullable(Type.String()),
  expiresAt: Nullable(Time),
  revokedAt: Nullable(Time),
  lastUsedAt: Nullable(Time),
});
export type ApiKeyView = Static<typeof ApiKeyView>;
export const ApiKeyList = Type.Object({ items: Type.Array(ApiKeyView) });
export const CreatedKeyView = Type.Object({
  key: ApiKeyView,
  plaintext: Type.String({ description: 'The key itself, shown in this response only; store it now.' }),
});

export const TenantView = Type.Object({ id: Type.String(), name: Type.String(), parentTenantId: Nullable(Type.String()), createdAt: Time });
export type TenantView = Static<typeof TenantView>;
export const TenantList = Type.Object({ items: Type.Array(TenantView, { description: 'The tenant itself first, then its direct children.' }) });

export const CreateTenantBody = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    ownerKey: Type.Optional(
      Type.Object(
        { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), scopes: Type.Optional(Scopes), expiresAt: Type.Optional(Type.String({ format: 'date-time' })) },
        { additionalProperties: false, description: 'The child\'s first key, an owner service key (default: scopes [admin], no expiry).' },
      ),
    ),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
export type CreateTenantBody = Static<typeof CreateTenantBody>;
export const CreatedTenantView = Type.Object({ tenant: TenantView, ownerKey: CreatedKeyView });
