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
