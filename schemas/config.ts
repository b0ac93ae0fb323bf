import path from 'node:path';
import { z } from 'zod';
import { reportConfigShape } from './report-config';

/** Settings every process shares. Parsed once at start-up; nothing below the process entry reads `process.env`. */
const commonShape = {
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'expected host:port')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_UI_URL: z.url().default('http://127.0.0.1:8233'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL'),
  DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
};

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A comma-separated list of e-mail addresses, at least one. */
const addressList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email()).min(1));

/** Alert e-mail (anomaly alerts, escalations, operations alerts). SMTP credentials come only from the environment. */
const mailShape = {
  /** smtp://host:port (or smtps://); the dev stack's SMTP catcher listens on 1025. */
  SMTP_URL: z.url().default('smtp://127.0.0.1:1025'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  ALERT_FROM: z.email().default('swap-reporting@bank.example'),
  ALERT_TO: addressList('swap-operations@bank.example'),
  /** The second list: alerts unacknowledged after 2 business hours. */
  ESCALATION_TO: addressList('swap-desk-heads@bank.example'),
  /** Operations alerts (e.g. a year without holiday data). */
  OPERATIONS_TO: addressList('swap-operations@bank.example'),
  /** Base of the web UI links in e-mails: `${APP_BASE_URL}/anomalies/<eventKey>`. */
  APP_BASE_URL: z.url().default('http://127.0.0.1:8080'),
};

/** How trades are scored, shared by the API (real time) and the GPU worker (batch). */
const detectionShape = {
  /** `any` model vote, a `majority` of votes, or the `weighted` ensemble score above its threshold (DESIGN). */
  DETECTION_POLICY: z.enum(['any', 'majority', 'weighted']).default('weighted'),
  /** Fixed threshold on the weighted score; unset = the threshold chosen on the champion's hold-out. */
  DETECTION_THRESHOLD: z.coerce.number().optional(),
  /** How often a process asks the registry whether the champion (or the rule set) changed. */
  CHAMPION_POLL_MS: positiveInt(5000),
};

export const workerConfigSchema = z.object({
  ...commonShape,
  /** Rows per ingest chunk: one COPY and one checkpoint per chunk. */
  INGEST_CHUNK_ROWS: positiveInt(50_000),
  /** Parse/validate threads per file load. One per core left over after PostgreSQL; on 2 cores, 1 is fastest. */
  INGEST_PARSE_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  /** Overridable so tests can give each worker its own queue. */
  CPU_TASK_QUEUE: z.string().min(1).default('swap-cpu'),
  GPU_TASK_QUEUE: z.string().min(1).default('swap-gpu'),
  /** Path of a prebuilt workflow bundle (npm run build:workflow-bundle); unset = bundle at start. */
  WORKFLOW_BUNDLE: z.string().min(1).optional(),
  CPU_WORKER_MAX_ACTIVITIES: positiveInt(4),
  CPU_WORKER_MAX_WORKFLOW_TASKS: positiveInt(20),
  GPU_WORKER_MAX_ACTIVITIES: positiveInt(3),
  /** ONNX execution provider the GPU worker asks for; it falls back to CPU when CUDA cannot load. */
  ONNX_PROVIDER: z.enum(['cuda', 'cpu']).default('cuda'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  ...mailShape,
  ...reportConfigShape,
  ...detectionShape,
  /** Trades per batch-detection chunk (one GPU-queue activity each) and chunks scored at once. */
  DETECT_CHUNK_ROWS: positiveInt(50_000),
  DETECT_MAX_PARALLEL: positiveInt(2),
  /** A batch with more new anomalies than this sends one batch alert (and writes its report either way). */
  BATCH_ALERT_THRESHOLD: positiveInt(50),
  /** Comma-separated recipients of batch alerts. */
  BATCH_ALERT_TO: z.string().default('swap-operations@bank.example'),
});

export const apiConfigSchema = z.object({
  ...commonShape,
  API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  API_HOST: z.string().default('127.0.0.1'),
  /** Prometheus `/metrics` of the API process on its own port; 0 = off. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** HS256 key for the API's JWT bearer tokens: at least 32 bytes, from the environment (npm start makes one). */
  API_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Lifetime of a staff login session (its token), in minutes. */
  API_SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(480),
  /** Login attempts per client address per minute (express-rate-limit). */
  API_LOGIN_RATE_LIMIT: positiveInt(10),
  /**
   * How long a token found not revoked is taken as such without asking the database again: a logout elsewhere (the
   * CLI, another API process) takes effect within this; one in the same process at once. 0 asks every request.
   */
  API_REVOCATION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  INBOX_WATCH: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  INBOX_POLL_MS: positiveInt(2000),
  CPU_TASK_QUEUE: z.string().min(1).default('swap-cpu'),
  INGEST_CHUNK_ROWS: positiveInt(50_000),
  ...detectionShape,
  /** POST /api/trades requests per minute per service token subject. */
  INTAKE_RATE_LIMIT_PER_MINUTE: positiveInt(60_000),
  /** Most stored neighbouring trades one intake request loads as its scoring context. */
  INTAKE_CONTEXT_LIMIT: positiveInt(20_000),
});

export const cliConfigSchema = z.object({
  ...commonShape,
  CPU_TASK_QUEUE: z.string().min(1).default('swap-cpu'),
  DATABASE_URL: commonShape.DATABASE_URL.optional(),
  INGEST_CHUNK_ROWS: positiveInt(50_000),
  /** Needed only by `token issue`. */
  API_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type WorkerConfig = Readonly<z.infer<typeof workerConfigSchema>>;
export type ApiConfig = Readonly<z.infer<typeof apiConfigSchema>>;
export type CliConfig = Readonly<z.infer<typeof cliConfigSchema>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses `env` with `schema`; the error names every bad variable at once. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): Readonly<z.infer<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(result.data);
}

/** Folders under DATA_DIR, resolved to absolute paths. */
export function dataPaths(dataDir: string) {
  const root = path.resolve(dataDir);
  return {
    root,
    inbox: path.join(root, 'inbox'),
    inboxProcessed: path.join(root, 'inbox', 'processed'),
    inboxFailed: path.join(root, 'inbox', 'failed'),
    fileStore: path.join(root, 'files'),
    /** Model artefacts per version, and the training runs' shared work folders. */
    models: path.join(root, 'models'),
    /** Archived reports (daily, cumulative, corrections) with their SHA-256; the API serves downloads only from here. */
    reports: path.join(root, 'reports'),
  } as const;
}
