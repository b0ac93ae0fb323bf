import { formatKst } from '../../schemas/calendar/kst';
import type { RuleHit } from '../../schemas/db/database';
import type { AnomalyMailData } from './anomaly-mail-data';

export type AnomalyMailKind = 'alert' | 'escalation';

export interface MailContent {
  subject: string;
  text: string;
}

const fmtScore = (v: number | null | undefined) => (typeof v === 'number' ? v.toFixed(4) : 'n/a');
const orDash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '-' : v);
const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d));

/** `10000000000.00000` → `10,000,000,000`; `1234.50000` → `1,234.5` (the text stays exact: no float rounding). */
export function formatAmount(decimal: string | null | undefined): string {
  if (!decimal) return '-';
  const match = /^(-?)(\d+)(?:\.(\d*?))?0*$/.exec(decimal);
  if (!match) return decimal;
  const grouped = match[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${match[1]}${grouped}${match[3] ? `.${match[3]}` : ''}`;
}

/** `{ iforest: [{ feature, contribution }], … }` → "iforest: a (0.41), b (0.22)" lines; unknown shapes are skipped. */
function topFeatureLines(explanation: Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const [model, value] of Object.entries(explanation)) {
    if (!Array.isArray(value)) continue;
    const items = value
      .filter((v): v is { feature: string; contribution?: number } => typeof v?.feature === 'string')
      .slice(0, 5)
      .map((v) => (typeof v.contribution === 'number' ? `${v.feature} (${v.contribution.toFixed(3)})` : v.feature));
    if (items.length) lines.push(`  ${model}: ${items.join(', ')}`);
  }
  return lines;
}

function ruleLines(hits: RuleHit[]): string[] {
  return hits.length ? hits.map((h) => `  - ${h.rule}: ${h.reason}`) : ['  (none)'];
}

/** The alert or escalation e-mail of one anomaly: the trade, why it was flagged, and the link to its page. */
export function buildAnomalyMail(kind: AnomalyMailKind, data: AnomalyMailData, link: string): MailContent {
  const { anomaly, trade, score } = data;
  const head = kind === 'escalation' ? 'ESCALATION (not acknowledged within 2 business hours)' : 'Anomaly';
  const notional = trade ? `${formatAmount(trade.notional_leg1)} ${trade.notional_currency_leg1}` : '';
  const what = [anomaly.product, notional, `UTI ${anomaly.uti}`].filter(Boolean).join(' ');
  const subject = `[swap-reporting] ${head}: ${what} (score ${fmtScore(anomaly.ensemble_score)})`;
  const executed = iso(anomaly.execution_ts);
  const lines = [
    kind === 'escalation'
      ? 'This anomaly was alerted and has not been acknowledged within 2 business hours.'
      : 'A trade event was flagged as an anomaly.',
    '',
    `Open it: ${link}`,
    '',
    'Trade',
    `  Event key: ${anomaly.event_key}`,
    `  UTI: ${anomaly.uti}`,
    `  Executed: ${formatKst(executed.getTime())} (${executed.toISOString()})`,
  ];
  if (trade) {
    lines.push(
      `  Action / event: ${trade.action_type} / ${orDash(trade.event_type)}`,
      `  Product: ${trade.product} (${trade.asset_class}), cleared ${trade.cleared}`,
      `  Counterparties: ${trade.counterparty_1} / ${trade.counterparty_2} (${trade.counterparty_2_id_type})`,
      `  Notional: ${formatAmount(trade.notional_leg1)} ${trade.notional_currency_leg1}` +
        (trade.notional_leg2 ? ` / ${formatAmount(trade.notional_leg2)} ${orDash(trade.notional_currency_leg2)}` : ''),
      `  Fixed rate ${orDash(trade.fixed_rate_leg1)}, floating ${orDash(trade.floating_index_leg2)}, ` +
        `spread ${orDash(trade.spread)}, price ${orDash(trade.price)}`,
      `  Effective ${trade.effective_date}, expiration ${trade.expiration_date}`,
      `  Desk ${orDash(trade.desk)}, trader ${orDash(trade.trader_id)}, source ${orDash(trade.source_system)} ` +
        `${orDash(trade.source_trade_id)}`,
    );
  } else {
    lines.push(`  Product: ${anomaly.product}, desk ${orDash(anomaly.desk)} (trade record not found)`);
  }
  lines.push(
    '',
    'Why it was flagged',
    `  Ensemble score: ${fmtScore(score?.ensemble_score ?? anomaly.ensemble_score)} ` +
      `(model ${orDash(score?.model_version ?? anomaly.model_version)})`,
  );
  for (const [model, member] of Object.entries(score?.member_scores ?? {})) {
    lines.push(`  ${model}: ${fmtScore(member.score)}${member.vote ? ' (flags it)' : ''}`);
  }
  lines.push('Rule hits', ...ruleLines(score?.rule_hits ?? anomaly.rule_hits));
  const features = topFeatureLines(score?.explanation ?? {});
  if (features.length) lines.push('Top contributing features', ...features);
  lines.push('', `Detected by ${anomaly.detected_by} at ${iso(anomaly.detected_at).toISOString()}.`);
  return { subject, text: `${lines.join('\n')}\n` };
}
