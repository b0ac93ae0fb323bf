import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ReportTransmitActivities } from '../activities/report-transmit/report-transmit.activities';
import {
  durationMs,
  REPORT_ACK_SIGNAL,
  REPORT_RESUBMIT_SIGNAL,
  REPORT_STATE_QUERY,
  type ReportAck,
} from '../schemas/report-workflow';
import { ACTIVITY_PROFILES } from './activity-profiles';

export const reportAckSignal = defineSignal<[ReportAck]>(REPORT_ACK_SIGNAL);
export const reportResubmitSignal = defineSignal<[{ reason?: string }?]>(REPORT_RESUBMIT_SIGNAL);

export interface DeliveryState {
  phase: 'building' | 'transmitting' | 'awaiting_ack' | 'not_reported' | 'acknowledged' | 'skipped';
  submissionNo: number;
  ack: ReportAck | undefined;
  resubmitRequested: boolean;
  escalated: boolean;
}
export const reportStateQuery = defineQuery<DeliveryState>(REPORT_STATE_QUERY);

const transmit = proxyActivities<ReportTransmitActivities>(ACTIVITY_PROFILES.reportTransmit);
const quick = proxyActivities<ReportTransmitActivities>(ACTIVITY_PROFILES.quickDb);

/** Installs the ack/resubmit signals and the state query; call first thing so early signals are kept. */
export function installDeliveryHandlers(): DeliveryState {
  const state: DeliveryState = {
    phase: 'building',
    submissionNo: 1,
    ack: undefined,
    resubmitRequested: false,
    escalated: false,
  };
  setHandler(reportAckSignal, (ack) => {
    // An answer to an earlier submission (a late duplicate) must not settle the current one.
    if (ack.submissionNo !== undefined && ack.submissionNo !== state.submissionNo) return;
    if (state.phase === 'awaiting_ack' || state.phase === 'transmitting') state.ack = ack;
  });
  setHandler(reportResubmitSignal, () => {
    if (state.phase === 'not_reported') state.resubmitRequested = true;
  });
  setHandler(reportStateQuery, () => state);
  return state;
}

/** Waits for the gateway's answer (signal, or polling when the transport can be asked); escalates once when late. */
async function awaitAck(
  reportId: string,
  state: DeliveryState,
  options: { pollable: boolean; ackTimeout: string; ackPollInterval: string },
): Promise<ReportAck> {
  const started = new Date().getTime();
  const timeoutMs = durationMs(options.ackTimeout);
  const pollMs = durationMs(options.ackPollInterval);
  let escalated = false;
  for (;;) {
    const remaining = escalated ? Number.POSITIVE_INFINITY : Math.max(timeoutMs - (new Date().getTime() - started), 1);
    const wait = options.pollable ? Math.min(pollMs, remaining) : remaining;
    if (wait === Number.POSITIVE_INFINITY) await condition(() => state.ack !== undefined);
    else await condition(() => state.ack !== undefined, wait);
    if (state.ack) return state.ack;
    if (options.pollable) {
      const polled = await quick.pollGatewayAck({ reportId, submissionNo: state.submissionNo });
      if (polled.status !== 'pending') return { accepted: polled.status === 'accepted', reason: polled.reason ?? '' };
    }
    if (!escalated && new Date().getTime() - started >= timeoutMs) {
      await quick.escalateMissingAck({ reportId, submissionNo: state.submissionNo, waited: options.ackTimeout });
      escalated = true;
      state.escalated = true;
    }
  }
}

/**
 * Transmits the archived report and waits for its acknowledgement. A rejection leaves it "not reported" and waits
 * for a resubmission (signal `reportResubmit`, CLI `report resubmit`), which is sent as the next submission.
 * Returns the number of submissions it took.
 */
export async function deliverUntilAcknowledged(
  reportId: string,
  state: DeliveryState,
  options: { ackTimeout: string; ackPollInterval: string },
): Promise<number> {
  for (;;) {
    state.phase = 'transmitting';
    const sent = await transmit.transmitReport({ reportId, submissionNo: state.submissionNo });
    if (sent.accepted) {
      state.phase = 'acknowledged';
      return state.submissionNo;
    }
    state.phase = 'awaiting_ack';
    const ack = await awaitAck(reportId, state, { ...options, pollable: sent.pollable });
    await quick.recordAck({
      reportId,
      submissionNo: state.submissionNo,
      accepted: ack.accepted,
      reason: ack.reason ?? null,
    });
    if (ack.accepted) {
      state.phase = 'acknowledged';
      return state.submissionNo;
    }
    state.phase = 'not_reported';
    state.ack = undefined;
    await condition(() => state.resubmitRequested);
    state.resubmitRequested = false;
    state.submissionNo++;
  }
}
