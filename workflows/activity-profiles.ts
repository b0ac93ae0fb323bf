import type { ActivityOptions } from '@temporalio/workflow';

/** Named timeout/retry profiles for proxied activities, each with the reason for its numbers. */
export const ACTIVITY_PROFILES = {
  // Quick database work: fail fast, retry transient errors a few times.
  quickDb: {
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
  },
  // Loading a large file: long overall, but a crashed worker is noticed within the heartbeat timeout and the
  // retry resumes after the last committed chunk.
  fileLoad: {
    startToCloseTimeout: '4 hours',
    heartbeatTimeout: '20 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
  },
  // Sampling a week of trades and computing features: minutes, not hours.
  modelData: {
    startToCloseTimeout: '30 minutes',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 5 },
  },
  // Training on the GPU queue: a missing GPU host shows up as a schedule-to-start timeout instead of an open-ended
  // wait; a killed GPU worker is noticed within the heartbeat timeout and the detector is trained again.
  modelTraining: {
    scheduleToStartTimeout: '1 hour',
    startToCloseTimeout: '2 hours',
    heartbeatTimeout: '2 minutes',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 5 },
  },
  // The anomaly workflow's database steps (calendar, status, audit): idempotent, and the workflow may live for days,
  // so a database outage delays it instead of failing it (which would lose the alert).
  anomalyDb: {
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  },
  // E-mail: an alert must never be lost, so attempts go on (with backoff up to 5 minutes) for as long as SMTP is
  // down; each attempt is idempotent (Message-ID and a claimed alert_messages row), so a retry never sends twice.
  // A retry that would land after the alert window closes fails for good and the workflow waits for the next one.
  mail: {
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  },
  // Building a report over up to a day's trades (1M rows in well under a minute): a crashed worker is noticed within
  // the heartbeat timeout and the report is rebuilt from the database, which has not changed for a closed period.
  reportRender: {
    startToCloseTimeout: '30 minutes',
    heartbeatTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 5 },
  },
  // Sending to the regulator's gateway: an unreachable gateway is retried with backoff for as long as the report
  // can still be late-filed (a day); every attempt re-checks what arrived, so a retry never delivers twice.
  reportTransmit: {
    startToCloseTimeout: '10 minutes',
    scheduleToCloseTimeout: '1 day',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  },
  // Scoring one chunk of trades on the GPU queue: a missing GPU host shows as a schedule-to-start timeout; a killed
  // worker is noticed within the heartbeat timeout and the chunk is scored again (stored scores are kept, so a
  // retry only finishes what is left).
  batchScoring: {
    scheduleToStartTimeout: '1 hour',
    startToCloseTimeout: '30 minutes',
    heartbeatTimeout: '2 minutes',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 10 },
  },
  // Signal-with-starting anomaly workflows: Temporal itself may be briefly unavailable; keep trying for a while,
  // the anomalies stay marked "not started" until it works.
  workflowStarts: {
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 30 },
  },
  // A report and an e-mail: an SMTP server that is down for a while is waited out (up to a day), never skipped.
  reportAndMail: {
    startToCloseTimeout: '10 minutes',
    scheduleToCloseTimeout: '1 day',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  },
} satisfies Record<string, ActivityOptions>;
