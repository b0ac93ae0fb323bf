/** Deterministic business ids: a duplicate start is rejected by Temporal instead of running twice. */
export function ingestWorkflowId(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
  return `ingest-${sha256}`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EVENT_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One anomaly workflow per flagged trade event (the trade's event key), so a later lifecycle event can flag again. */
export function anomalyWorkflowId(eventKey: string): string {
  if (!EVENT_KEY.test(eventKey)) throw new Error(`not a trade event key (uuid): ${eventKey}`);
  return `anomaly-${eventKey}`;
}

/** Weekly training of an ISO week (`YYYY-Www`) runs once, whether the schedule or a backfill starts it. */
export function trainingWorkflowId(week: string): string {
  if (!/^\d{4}-W\d{2}$/.test(week)) throw new Error(`not an ISO week YYYY-Www: ${week}`);
  return `training-${week}`;
}

/** The daily KTFC report of a KST business date runs once. */
export function dailyReportWorkflowId(businessDate: string): string {
  if (!DATE.test(businessDate)) throw new Error(`not a YYYY-MM-DD date: ${businessDate}`);
  return `ktfc-daily-${businessDate}`;
}

/** Cumulative reports: `cumulative-2026-Q1`, `cumulative-2026-H1`, `cumulative-2026-Y`. */
export function cumulativeReportWorkflowId(period: string): string {
  if (!/^\d{4}-(Q[1-4]|H[12]|Y)$/.test(period))
    throw new Error(`not a report period (2026-Q1, 2026-H1, 2026-Y): ${period}`);
  return `cumulative-${period}`;
}

/** The cumulative chain of a quarter (`cumulative-chain-2026-Q4`): one per quarter, whoever starts it. */
export function cumulativeChainWorkflowId(quarter: string): string {
  if (!/^\d{4}-Q[1-4]$/.test(quarter)) throw new Error(`not a quarter (2026-Q4): ${quarter}`);
  return `cumulative-chain-${quarter}`;
}
