import type { FastifyInstance } from 'fastify';
import { type Static, Type } from '@sinclair/typebox';
import type { Clock } from '@soc/contracts';
import { validation } from '@soc/errors';
import type { EventStore } from '@soc/eventstore';
import { type Authenticator, ErrorResponse, authorize, principalOf } from '@soc/http';
import type { FieldMapping } from '@soc/sigma';
import { testRules } from './rule-test';

/** Largest rule text accepted (a pack of a few hundred rules). */
const MAX_RULE_CHARS = 512 * 1024;

export const RuleTestBody = Type.Object(
  {
    rule: Type.String({ minLength: 1, maxLength: MAX_RULE_CHARS, description: 'Sigma YAML: one or more documents (rules, filters, correlations)' }),
    events: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 1000, description: 'Sample events: OCSF, or native records (e.g. evtx_dump JSON)' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Retro-hunt over stored events from this time (inclusive)' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Retro-hunt up to this time (exclusive)' })),
    maxEvents: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 10_000, description: 'Stored events scanned at most, oldest first' })),
  },
  { additionalProperties: false },
);
type RuleTestBody = Static<typeof RuleTestBody>;

const Problem = Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) });
const Ref = Type.Union([Type.Integer(), Type.String()]);
const Run = Type.Object({
  evaluated: Type.Integer(),
  truncated: Type.Boolean(),
  matches: Type.Array(Type.Object({ event: Ref, time: Type.Number(), ruleId: Type.String(), ruleTitle: Type.String(), view: Type.Union([Type.Literal('native'), Type.Literal('ocsf')]) })),
  correlations: Type.Array(
    Type.Object({ ruleId: Type.String(), ruleTitle: Type.String(), group: Type.Record(Type.String(), Type.String()), firstTime: Type.Number(), lastTime: Type.Number(), eventCount: Type.Integer(), events: Type.Array(Ref) }),
  ),
});
export const RuleTestResponse = Type.Object({
  rules: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), kind: Type.Union([Type.Literal('rule'), Type.Literal('correlation')]) })),
  problems: Type.Array(Problem),
  samples: Type.Optional(Run),
  stored: Type.Optional(Run),
});

export interface RuleTestRouteOptions {
  auth: Authenticator;
  store: EventStore;
  nativeMapping: FieldMapping;
  ocsfMapping: FieldMapping;
  clock: Clock;
}

/**
 * `POST /v1/rules/test`: runs rules over supplied sample events and/or a time range of the
 * caller's stored events (retro-hunt), with the detection service's own evaluator, and returns
 * the matches and the rules' problems. Read-only: nothing is stored or alerted.
 */
export async function ruleTestRoutes(app: FastifyInstance, opts: RuleTestRouteOptions): Promise<void> {
  app.post<{ Body: RuleTestBody }>(
    '/v1/rules/test',
    {
      ...authorize(opts.auth, 'rules:test'),
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags: ['detection'],
        summary: 'Test Sigma rules on sample events and on stored events (retro-hunt)',
        body: RuleTestBody,
        response: { 200: RuleTestResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 413: ErrorResponse },
      },
    },
    async (req) => {
      const body = req.body;
      if ((body.from === undefined) !== (body.to === undefined)) throw validation('from and to go together: give both for a retro-hunt, or neither');
      if (body.events === undefined && body.from === undefined) throw validation('give sample events, a time range (from, to), or both');
      const tenantId = principalOf(req).tenantId;
      return testRules({
        yaml: body.rule,
        nativeMapping: opts.nativeMapping,
        ocsfMapping: opts.ocsfMapping,
        now: opts.clock.now(),
        ...(body.events ? { samples: body.events } : {}),
        ...(body.from !== undefined && body.to !== undefined ? { stored: { store: opts.store, tenantId, from: body.from, to: body.to, maxEvents: body.maxEvents ?? 10_000 } } : {}),
      });
    },
  );
}
