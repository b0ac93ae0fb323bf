import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint columns are parsed to numbers (see activities/db/connection). */
type Count = ColumnType<number, number | undefined, number>;

export type IngestStatus = 'registered' | 'loading' | 'loaded' | 'file_rejected' | 'failed';

export interface IngestedFilesTable {
  id: Generated<number>;
  sha256: string;
  original_name: string;
  stored_path: string;
  size_bytes: number;
  workflow_id: string;
  encoding: string | null;
  columns: ColumnType<string[] | null, string | null, string | null>;
  warnings: ColumnType<string[], string | undefined, string>;
  status: IngestStatus;
  file_error: string | null;
  chunk_rows: number | null;
  bytes_done: Count;
  rows_read: Count;
  rows_loaded: Count;
  rows_rejected: Count;
  rows_duplicate: Count;
  blank_lines: Count;
  created_at: Timestamp;
  completed_at: Date | null;
}

export interface IngestChunksTable {
  file_id: number;
  chunk_no: number;
  first_line: number;
  last_line: number;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  rows_duplicate: number;
  committed_at: Timestamp;
}

export interface TradesTable {
  /** md5 of the normalised record (uuid): the trade event's id, with execution_ts the primary key. */
  event_key: string;
  file_id: number | null;
  line_no: number | null;
  source: 'file' | 'api';
  uti: string;
  prior_uti: string | null;
  action_type: string;
  event_type: string | null;
  counterparty_1: string;
  counterparty_2: string;
  counterparty_2_id_type: string;
  product: string;
  asset_class: string;
  notional_leg1: string;
  notional_currency_leg1: string;
  notional_leg2: string | null;
  notional_currency_leg2: string | null;
  fixed_rate_leg1: string | null;
  floating_index_leg2: string | null;
  spread: string | null;
  price: string | null;
  execution_ts: Timestamp;
  /** `YYYY-MM-DD` (the connection parses dates as text). */
  effective_date: string;
  expiration_date: string;
  cleared: string;
  central_counterparty: string | null;
  platform_id: string | null;
  desk: string | null;
  trader_id: string | null;
  source_system: string | null;
  source_trade_id: string | null;
  received_at: Timestamp;
}

export interface RejectedRowsTable {
  file_id: number;
  line_no: number;
  raw: string;
  reasons: string[];
}

export interface DuplicateRowsTable {
  file_id: number;
  line_no: number;
  event_key: string;
}

export type ModelStatus = 'candidate' | 'champion' | 'retired';
type Json<T> = ColumnType<T, string, string>;

export interface ModelVersionsTable {
  version: string;
  training_week: string;
  training_from: Timestamp;
  training_to: Timestamp;
  sample_size: number;
  holdout_size: number;
  metrics: Json<Record<string, unknown>>;
  ensemble: Json<Record<string, unknown>>;
  feature_schema: Json<string[]>;
  feature_reference: Json<unknown>;
  drift: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  onnx_path: string;
  onnx_sha256: string;
  status: ModelStatus;
  promotion_reason: string | null;
  workflow_id: string;
  created_at: Timestamp;
  promoted_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface ModelEventsTable {
  id: Generated<number>;
  version: string;
  event: 'registered' | 'promoted' | 'kept_champion' | 'rolled_back' | 'retired';
  reason: string;
  actor: string;
  at: Timestamp;
}

export interface RuleHit {
  rule: string;
  reason: string;
}

export interface RuleSetsTable {
  version: number;
  rules: Json<unknown>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: Timestamp;
}

export interface TradeScoresTable {
  event_key: string;
  execution_ts: Timestamp;
  model_version: string | null;
  rule_set_version: number | null;
  ensemble_score: number | null;
  /** Each model's score and vote: `{ iforest: { score, vote }, … }`. */
  member_scores: Json<Record<string, { score: number; vote: boolean }>>;
  rule_hits: Json<RuleHit[]>;
  is_anomaly: boolean;
  /** Top contributing features per model: `{ iforest: [{ feature, contribution }], … }`. */
  explanation: Json<Record<string, unknown>>;
  scored_by: 'api' | 'batch' | 'rescore';
  scored_at: Timestamp;
}

export type AnomalyStatus = 'open' | 'alerted' | 'escalated' | 'acknowledged' | 'confirmed' | 'dismissed';

export interface AnomaliesTable {
  event_key: string;
  execution_ts: Timestamp;
  /** KST business date of the execution, `YYYY-MM-DD`. */
  business_date: string;
  uti: string;
  product: string;
  desk: string | null;
  ensemble_score: number | null;
  model_version: string | null;
  rule_hits: Json<RuleHit[]>;
  detected_by: 'api' | 'batch';
  detected_at: Timestamp;
  status: ColumnType<AnomalyStatus, AnomalyStatus | undefined, AnomalyStatus>;
  workflow_id: string;
  updated_at: Timestamp;
  /** When anomalyWorkflow was (signal-with-)started; null = still to start (batch detection retries). */
  workflow_started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AlertMessagesTable {
  message_id: string;
  anomaly_event_key: string | null;
  batch_id: string | null;
  kind: 'alert' | 'escalation' | 'batch' | 'drift' | 'operations';
  recipients: string[];
  subject: string;
  status: ColumnType<'sending' | 'sent', 'sending' | 'sent' | undefined, 'sending' | 'sent'>;
  created_at: Timestamp;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AnomalyReviewsTable {
  review_id: string;
  anomaly_event_key: string;
  action: 'acknowledge' | 'confirm' | 'dismiss';
  comment: string | null;
  actor: string;
  at: Timestamp;
}

export interface CalendarClosuresTable {
  /** KST date, `YYYY-MM-DD`. */
  closed_on: string;
  reason: string;
  kind: ColumnType<'closure' | 'holiday', 'closure' | 'holiday' | undefined, 'closure' | 'holiday'>;
  created_by: string;
  created_at: Timestamp;
}

export interface Database {
  model_versions: ModelVersionsTable;
  model_events: ModelEventsTable;
  ingested_files: IngestedFilesTable;
  ingest_chunks: IngestChunksTable;
  trades: TradesTable;
  rejected_rows: RejectedRowsTable;
  duplicate_rows: DuplicateRowsTable;
  rule_sets: RuleSetsTable;
  trade_scores: TradeScoresTable;
  anomalies: AnomaliesTable;
  alert_messages: AlertMessagesTable;
  anomaly_reviews: AnomalyReviewsTable;
  calendar_closures: CalendarClosuresTable;
  users: UsersTable;
  revoked_tokens: RevokedTokensTable;
  reports: ReportsTable;
  report_submissions: ReportSubmissionsTable;
  report_events: ReportEventsTable;
  daily_trade_summaries: DailyTradeSummariesTable;
}

export type IngestedFile = Selectable<IngestedFilesTable>;
export type NewIngestedFile = Insertable<IngestedFilesTable>;
export type IngestedFileUpdate = Updateable<IngestedFilesTable>;
export type Trade = Selectable<TradesTable>;

export type StaffRole = 'viewer' | 'reviewer' | 'admin';

export interface UsersTable {
  name: string;
  role: StaffRole;
  /** `scrypt$N$r$p$salt$key` (base64 parts). */
  password_hash: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_login_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface RevokedTokensTable {
  jti: string;
  subject: string;
  expires_at: Timestamp;
  revoked_at: Timestamp;
}

export type ReportKind = 'daily' | 'quarterly' | 'half_year' | 'annual' | 'correction';
export type ReportStatus = 'building' | 'archived' | 'transmitted' | 'acknowledged' | 'not_reported';
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ReportsTable {
  report_id: string;
  kind: ReportKind;
  business_date: string | null;
  period: string | null;
  period_start: Timestamp;
  period_end: Timestamp;
  row_count: Count;
  anomaly_count: Count;
  machine_format: ColumnType<'csv' | 'xml', 'csv' | 'xml' | undefined, 'csv' | 'xml'>;
  machine_path: string | null;
  machine_sha256: string | null;
  machine_bytes: number | null;
  xlsx_path: string | null;
  xlsx_sha256: string | null;
  xlsx_bytes: number | null;
  source_reports: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  generated_at: NullableTs;
  workflow_id: string;
  updated_at: Timestamp;
}

export interface ReportSubmissionsTable {
  report_id: string;
  submission_no: number;
  transport: 'sftp' | 'http' | 'dir';
  remote_ref: string | null;
  idempotency_key: string;
  sha256: string;
  bytes: number;
  status: ColumnType<
    'sending' | 'sent' | 'accepted' | 'rejected',
    'sending' | 'sent' | 'accepted' | 'rejected' | undefined,
    'sending' | 'sent' | 'accepted' | 'rejected'
  >;
  reason: string | null;
  sent_at: NullableTs;
  ack_at: NullableTs;
}

export interface ReportEventsTable {
  id: Generated<number>;
  report_id: string;
  event: string;
  detail: Json<Record<string, unknown>>;
  at: Timestamp;
}
/** Normal trades of a KST business date by product and notional currency (anomalies are kept apart). */
export interface DailyTradeSummariesTable {
  business_date: string;
  product: string;
  currency: string;
  trades: Count;
  /** numeric, as text. */
  notional: ColumnType<string, string | undefined, string>;
  updated_at: Timestamp;
}
