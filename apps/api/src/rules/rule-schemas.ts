import { type Static, type TLiteral, type TUnion, Type } from '@sinclair/typebox';
import type { DetectionRule, RuleException, RuleVersionInfo } from '@soc/db';

const literals = <T extends string>(values: readonly T[]): TUnion<TLiteral<T>[]> => Type.Union(values.map((v) => Type.Literal(v)));

export const ORIGINS = ['sigmahq', 'native', 'custom'] as const;
export const KINDS = ['detection', 'correlation', 'filter'] as const;
export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export const OPS = ['eq', 'contains', 'startswith', 'endswith', 'cidr'] as const;

/** Largest YAML file accepted in a JSON import, and most files per import. */
export const MAX_FILE_CHARS = 1_048_576;
export const MAX_FILES = 5000;

const Reason = Type.String({ minLength: 1, maxLength: 2000, description: 'Why; recorded in the audit trail.' });

export const RuleIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });
export type RuleIdParams = Static<typeof RuleIdParams>;
export const RuleVersionParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 128 }), version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);
export type RuleVersionParams = Static<typeof RuleVersionParams>;
export const ExceptionParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 128 }), exceptionId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export type ExceptionParams = Static<typeof ExceptionParams>;

export const ImportQuery = Type.Object(
  {
    origin: Type.Optional(literals(ORIGINS)),
    enable: Type.Optional(Type.Boolean({ description: 'Whether new rules start enabled. Default: false for sigmahq, true otherwise.' })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;

export const ImportJsonBody = Type.Object(
  {
    files: Type.Array(
      Type.Object(
        { path: Type.String({ minLength: 1, maxLength: 1024 }), content: Type.String({ maxLength: MAX_FILE_CHARS }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_FILES },
    ),
  },
  { additionalProperties: false },
);
export type ImportJsonBody = Static<typeof ImportJsonBody>;

/**
 * The ZIP body. Its parser hands the bytes on as a latin1 string (one char per byte), so the
 * standard OpenAPI binary schema both documents and validates it; the route turns it back into bytes.
 */
export const ImportZipBody = Type.String({ format: 'binary', description: 'A ZIP of Sigma YAML files (e.g. a SigmaHQ rules folder).' });

const FileError = Type.Object({ code: Type.String(), rule: Type.String(), path: Type.String(), reason: Type.String(), message: Type.String() });

export const ImportResponse = Type.Object({
  summary: Type.Object({
    files: Type.Integer(),
    documents: Type.Integer(),
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    rejected: Type.Integer(),
    errors: Type.Integer(),
  }),
  files: Type.Array(
    Type.Object({
      path: Type.String(),
      documents: Type.Array(
        Type.Object({
          ruleId: Type.String(),
          title: Type.String(),
          kind: literals(KINDS),
          outcome: literals(['created', 'updated', 'unchanged', 'rejected'] as const),
          version: Type.Optional(Type.Integer()),
          error: Type.Optional(Type.Object({ code: Type.String(), reason: Type.String(), message: Type.String() })),
        }),
      ),
      errors: Type.Array(FileError),
    }),
  ),
});
export type ImportResponse = Static<typeof ImportResponse>;

export const RuleListQuery = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    origin: Type.Optional(literals(ORIGINS)),
    level: Type.Optional(literals(LEVELS)),
    kind: Type.Optional(literals(KINDS)),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Substring of title, id or name (case-insensitive).' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  { additionalProperties: false },
);
export type RuleListQuery = Static<typeof RuleListQuery>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const RuleView = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  version: Type.Integer(),
  title: Type.String(),
  level: Nullable(Type.String()),
  status: Nullable(Type.String()),
  origin: Type.String(),
  kind: Type.String(),
  logsource: Type.Record(Type.String(), Type.String()),
  tags: Type.Array(Type.String()),
  author: Nullable(Type.String()),
  sourcePath: Nullable(Type.String()),
  sha256: Type.String(),
  enabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.String(),
});
export type RuleView = Static<typeof RuleView>;
export const RuleDetailView = Type.Composite([RuleView, Type.Object({ yaml: Type.String() })]);
export const RulePageView = Type.Object({ items: Type.Array(RuleView), nextCursor: Type.Optional(Type.String()) });

export const RuleVersionView = Type.Object({
  version: Type.Integer(),
  sha256: Type.String(),
  sourcePath: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
});
export const RuleVersionDetailView = Type.Composite([RuleVersionView, Type.Object({ ruleId: Type.String(), yaml: Type.String() })]);
export const RuleVersionList = Type.Object({ items: Type.Array(RuleVersionView) });

export const ChangeBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export type ChangeBody = Static<typeof ChangeBody>;

export const ExceptionBody = Type.Object(
  {
    field: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Sigma field name, no modifiers.' })),
    op: Type.Optional(literals(OPS)),
    values: Type.Optional(Type.Array(Type.String({ maxLength: 1000 }), { minItems: 1, maxItems: 100 })),
    filterYaml: Type.Optional(Type.String({ minLength: 1, maxLength: 65_536, description: 'A Sigma filter document, instead of field/op/values.' })),
    reason: Reason,
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type ExceptionBody = Static<typeof ExceptionBody>;

export const ExceptionView = Type.Object({
  id: Type.String(),
  ruleId: Nullable(Type.String()),
  field: Nullable(Type.String()),
  op: Nullable(Type.String()),
  values: Nullable(Type.Array(Type.String())),
  filterYaml: Nullable(Type.String()),
  reason: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Nullable(Type.String({ format: 'date-time' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
  revokedBy: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()),
  state: literals(['active', 'expired', 'revoked'] as const),
});
export type ExceptionView = Static<typeof ExceptionView>;
export const ExceptionList = Type.Object({ items: Type.Array(ExceptionView) });

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Repository rule to response shape. */
export function ruleView(r: DetectionRule): RuleView {
  return {
    id: r.ruleId,
    name: r.name,
    version: r.version,
    title: r.title,
    level: r.level,
    status: r.status,
    origin: r.origin,
    kind: r.kind,
    logsource: { ...r.logsource },
    tags: [...r.tags],
    author: r.author,
    sourcePath: r.sourcePath,
    sha256: r.sha256,
    enabled: r.enabled,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
  };
}

/** Version metadata to response shape. */
export function versionView(v: RuleVersionInfo): Static<typeof RuleVersionView> {
  return { version: v.version, sha256: v.sha256, sourcePath: v.sourcePath, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy };
}

/** Repository exception to response shape. */
export function exceptionView(e: RuleException): ExceptionView {
  return {
    id: e.id,
    ruleId: e.ruleId,
    field: e.field,
    op: e.op,
    values: e.values ? [...e.values] : null,
    filterYaml: e.filterYaml,
    reason: e.reason,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
    expiresAt: iso(e.expiresAt),
    revokedAt: iso(e.revokedAt),
    revokedBy: e.revokedBy,
    revokeReason: e.revokeReason,
    state: e.state,
  };
}
