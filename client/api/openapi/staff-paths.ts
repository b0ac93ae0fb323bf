/** OpenAPI paths of the staff API (auth, dashboard, anomalies, files, models, reports); joined with the other areas'. */
type Op = Record<string, unknown>;

const bearer = [{ bearerAuth: [] }];
const errors = {
  '400': { $ref: '#/components/responses/BadInput' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': { $ref: '#/components/responses/Forbidden' },
};
const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});
const q = (name: string, schema: Record<string, unknown>, description?: string) => ({
  name,
  in: 'query',
  required: false,
  schema,
  ...(description ? { description } : {}),
});
const p = (name: string, schema: Record<string, unknown>) => ({ name, in: 'path', required: true, schema });
const paging = [
  q('page', { type: 'integer', minimum: 1, default: 1 }),
  q('pageSize', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
];
const body = (properties: Record<string, unknown>, required: string[]) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties, required } } },
});
const op = (summary: string, role: string, extra: Op = {}): Op => ({
  summary,
  description: `Role: ${role} or above.`,
  security: bearer,
  responses: { '200': json('OK'), ...errors },
  ...extra,
});
const eventKey = p('eventKey', { type: 'string', format: 'uuid' });
const reportId = p('id', { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$' });

export const staffPaths = {
  '/api/auth/login': {
    post: {
      summary: 'Log in; returns a bearer token (rate-limited)',
      requestBody: body({ username: { type: 'string' }, password: { type: 'string', format: 'password' } }, [
        'username',
        'password',
      ]),
      responses: {
        '200': json('token, expiresAt, user'),
        '400': errors['400'],
        '401': errors['401'],
        '429': json('too many attempts'),
      },
    },
  },
  '/api/auth/logout': { post: op('Revoke the presented token', 'viewer') },
  '/api/auth/me': { get: op('The logged-in user', 'viewer') },
  '/api/dashboard': {
    get: op('Anomalies per day, open reviews, schedules with next and last run', 'viewer', {
      parameters: [q('days', { type: 'integer', minimum: 1, maximum: 366, default: 30 })],
    }),
  },
  '/api/anomalies': {
    get: op('Anomalies, filtered and paged on the server', 'viewer', {
      parameters: [
        q('from', { type: 'string', format: 'date' }),
        q('to', { type: 'string', format: 'date' }),
        q('product', { type: 'string', enum: ['IRS', 'CCS', 'FX_SWAP', 'CDS', 'EQUITY_SWAP'] }),
        q('desk', { type: 'string', maxLength: 100 }),
        q('status', {
          type: 'string',
          enum: ['open', 'alerted', 'escalated', 'acknowledged', 'confirmed', 'dismissed', 'pending'],
        }),
        q('minScore', { type: 'number' }),
        q('maxScore', { type: 'number' }),
        ...paging,
      ],
    }),
  },
  '/api/anomalies/{eventKey}': {
    get: op('Anomaly with trade, scores, top features, alerts, audit log and workflow state', 'viewer', {
      parameters: [eventKey],
    }),
  },
  '/api/anomalies/{eventKey}/review': {
    post: op('Confirm or dismiss with a comment: audit log, then REVIEW signal to the anomaly workflow', 'reviewer', {
      parameters: [eventKey],
      requestBody: body(
        {
          decision: { type: 'string', enum: ['confirm', 'dismiss'] },
          comment: { type: 'string', minLength: 1, maxLength: 4000 },
          reviewId: { type: 'string', format: 'uuid' },
        },
        ['decision', 'comment'],
      ),
    }),
  },
  '/api/files': { get: op('Ingested files with counts', 'viewer', { parameters: paging }) },
  '/api/files/{fileId}/rejected': {
    get: op('Rejected rows of a file with reasons', 'viewer', {
      parameters: [p('fileId', { type: 'integer' }), ...paging],
    }),
  },
  '/api/files/{fileId}/rejected.csv': {
    get: op('Download the rejected rows as CSV (X-Checksum-SHA256 header)', 'viewer', {
      parameters: [p('fileId', { type: 'integer' })],
      responses: { '200': { description: 'CSV', content: { 'text/csv': {} } }, ...errors },
    }),
  },
  '/api/models': { get: op('Model versions with metrics and drift; champion history', 'viewer') },
  '/api/models/{version}/promote': {
    post: op('Make a version the champion', 'admin', {
      parameters: [p('version', { type: 'string' })],
      requestBody: body({ reason: { type: 'string' } }, ['reason']),
    }),
  },
  '/api/models/{version}/rollback': {
    post: op('Roll the champion back to this version', 'admin', {
      parameters: [p('version', { type: 'string' })],
      requestBody: body({ reason: { type: 'string' } }, ['reason']),
    }),
  },
  '/api/reports': {
    get: op('Daily, cumulative and correction reports with submission and acknowledgement status', 'viewer', {
      parameters: [
        ...paging,
        q(
          'kind',
          { type: 'string', enum: ['daily', 'correction', 'cumulative', 'quarterly', 'half_year', 'annual'] },
          '`cumulative` = quarterly, half-year and annual',
        ),
        q('status', { type: 'string', enum: ['building', 'archived', 'transmitted', 'acknowledged', 'not_reported'] }),
        q('from', { type: 'string', format: 'date' }, "KST; on the report's date (business date or period end)"),
        q('to', { type: 'string', format: 'date' }, 'KST, inclusive'),
      ],
    }),
  },
  '/api/reports/{id}': {
    get: op('One report: files with SHA-256, every submission with the gateway answer, its event log', 'viewer', {
      parameters: [reportId],
      responses: { '200': json('the report'), '404': json('no such report'), ...errors },
    }),
  },
  '/api/reports/{id}/{format}': {
    get: op('Download a report file (X-Checksum-SHA256 header); served only from the reports archive', 'viewer', {
      parameters: [reportId, p('format', { type: 'string', enum: ['xlsx', 'machine'] })],
      responses: { '200': { description: 'the file' }, '404': json('no such report file'), ...errors },
    }),
  },
  '/api/reports/{id}/resubmit': {
    post: op(
      "Transmit a rejected (not_reported) report again: signals `reportResubmit` to the report's workflow, which sends the archived file as the next submission",
      'admin',
      {
        parameters: [reportId],
        requestBody: { ...body({ reason: { type: 'string', maxLength: 500 } }, []), required: false },
        responses: {
          '200': json('workflowId, runId, link'),
          '404': json('no such report'),
          '409': json('not rejected, or its workflow is no longer running'),
          ...errors,
        },
      },
    ),
  },
} as const;

export const staffComponents = {
  securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  responses: {
    BadInput: json('{ error, field, issues[] }: the field that was refused'),
    Unauthorized: json('no token, or a bad, expired or revoked one'),
    Forbidden: json('the role may not do this'),
  },
};
