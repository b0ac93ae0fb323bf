import assert from 'node:assert/strict';
import { it } from 'node:test';
import { buildAnomalyMail } from '../../../activities/mail/anomaly-mail-content';
import type { AnomalyMailData } from '../../../activities/mail/anomaly-mail-data';

const anomaly: AnomalyMailData['anomaly'] = {
  event_key: '0f8fad5b-d9cb-469f-a165-70867728950e',
  execution_ts: new Date('2026-11-27T07:00:00Z'),
  business_date: '2026-11-27',
  uti: '9884001KRBANK0000107T0000000001',
  product: 'CCS',
  desk: '통화스왑',
  ensemble_score: 0.71,
  model_version: 'v7',
  rule_hits: [{ rule: 'off_market_rate', reason: 'rate 9.1% vs market 3.2%' }],
  detected_by: 'batch',
  detected_at: new Date('2026-11-27T07:05:00Z'),
  status: 'open',
  workflow_id: 'anomaly-0f8fad5b-d9cb-469f-a165-70867728950e',
  updated_at: new Date('2026-11-27T07:05:00Z'),
  workflow_started_at: new Date('2026-11-27T07:05:01Z'),
};

it('falls back to the anomaly row when the trade and score rows are missing', () => {
  const mail = buildAnomalyMail('alert', { anomaly, trade: undefined, score: undefined }, 'https://x/anomalies/1');
  assert.match(mail.subject, /^\[swap-reporting\] Anomaly: CCS UTI 9884001KRBANK0000107T0000000001 \(score 0\.7100\)$/);
  assert.match(mail.text, /Executed: 2026-11-27T16:00:00\+09:00 \(2026-11-27T07:00:00.000Z\)/);
  assert.match(mail.text, /Product: CCS, desk 통화스왑 \(trade record not found\)/);
  assert.match(mail.text, /Ensemble score: 0\.7100 \(model v7\)/);
  assert.match(mail.text, /- off_market_rate: rate 9\.1% vs market 3\.2%/);
  assert.match(mail.text, /Open it: https:\/\/x\/anomalies\/1/);
  assert.doesNotMatch(mail.text, /Top contributing features/);
});

it('words an escalation as one', () => {
  const mail = buildAnomalyMail('escalation', { anomaly, trade: undefined, score: undefined }, 'https://x');
  assert.match(mail.subject, /ESCALATION \(not acknowledged within 2 business hours\)/);
  assert.match(mail.text, /^This anomaly was alerted and has not been acknowledged within 2 business hours\./);
});
