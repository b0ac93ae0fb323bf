import { z } from 'zod';
import { MAX_TRADES_PER_REQUEST, makeTradeInputSchema } from '../../../schemas/trade/trade.zod';
import type { JsonSchema, OpenApiModule } from './openapi-types';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The trade object as the validation schema accepts it (derived from it, so the two cannot drift apart). */
function tradeInputSchema(): JsonSchema {
  const { $schema: _, ...schema } = z.toJSONSchema(
    makeTradeInputSchema(() => Date.now()),
    { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' },
  );
  return {
    ...schema,
    description:
      'One trade event (DESIGN "Trade record"); absent, null and "" all mean not given. Send decimals as strings ' +
      'to keep every digit. Validated by the same rules as file ingestion.',
  };
}

const ruleHit: JsonSchema = {
  type: 'object',
  required: ['rule', 'reason'],
  properties: {
    rule: {
      type: 'string',
      enum: [
        'notional_threshold',
        'off_market',
        'outside_market_hours',
        'wash_pair',
        'counterparty_concentration',
        'inconsistent_dates',
      ],
    },
    reason: { type: 'string' },
  },
};

const intakeItem: JsonSchema = {
  type: 'object',
  required: ['index', 'eventKey', 'uti', 'duplicate', 'decision', 'score', 'ruleHits', 'modelVersion'],
  properties: {
    index: { type: 'integer' },
    eventKey: { type: 'string', format: 'uuid' },
    uti: { type: 'string' },
    duplicate: { type: 'boolean', description: 'Stored before; the first decision stands' },
    decision: { type: 'string', enum: ['anomaly', 'normal'] },
    score: { type: ['number', 'null'], description: 'Weighted ensemble score; null without a champion model' },
    ruleHits: { type: 'array', items: ref('RuleHit') },
    memberScores: { type: 'object', additionalProperties: { type: 'object' } },
    explanation: { type: ['object', 'null'], description: "Each model's top contributing features (anomalies)" },
    modelVersion: { type: ['string', 'null'] },
    ruleSetVersion: { type: ['integer', 'null'] },
    workflowId: { type: 'string', description: 'The anomaly workflow (anomalies only)' },
  },
};

const error = { type: 'object', properties: { error: { type: 'string' } } };
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: error } },
});

export const intakePaths: OpenApiModule = {
  schemas: {
    TradeInput: tradeInputSchema(),
    RuleHit: ruleHit,
    IntakeItem: intakeItem,
    IntakeResult: {
      type: 'object',
      properties: {
        decidedBy: { type: 'string' },
        modelVersion: { type: ['string', 'null'] },
        ruleSetVersion: { type: 'integer' },
        stored: { type: 'integer' },
        duplicates: { type: 'integer' },
        anomalies: { type: 'integer' },
        alertsPending: { type: 'integer' },
        items: { type: 'array', items: ref('IntakeItem') },
      },
    },
    InvalidTrades: {
      type: 'object',
      properties: {
        error: { type: 'string' },
        problems: { type: 'array', items: { type: 'string' } },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { index: { type: 'integer' }, reasons: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
    },
  },
  paths: {
    '/api/trades': {
      post: {
        summary: 'Submit trades in real time: validate, store, score and answer with each decision',
        tags: ['intake'],
        security: [{ bearer: [] }],
        description:
          'Role `service`. One trade object, or an array of 1 to 1,000. Nothing is stored when any is invalid.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                oneOf: [
                  ref('TradeInput'),
                  { type: 'array', items: ref('TradeInput'), minItems: 1, maxItems: MAX_TRADES_PER_REQUEST },
                ],
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Every trade stored (or a duplicate) and decided',
            content: { 'application/json': { schema: ref('IntakeResult') } },
          },
          '400': {
            description: 'Invalid trades, every reason per item; nothing stored',
            content: { 'application/json': { schema: ref('InvalidTrades') } },
          },
          '401': errorResponse('No or an invalid bearer token'),
          '403': errorResponse('The token is not a service token'),
          '413': errorResponse('Body larger than 2 MB'),
          '415': errorResponse('Not a JSON body'),
          '429': errorResponse('Rate limit reached'),
        },
      },
    },
  },
};
