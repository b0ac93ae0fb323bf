import { TRADE_COLUMNS, type TradeColumn } from '../../schemas/trade/fields';
import { withLeiCheckDigits } from '../../schemas/trade/lei';

export const BANK_LEI = withLeiCheckDigits('9884001KRBANK00001');
export const CPTY_LEI = withLeiCheckDigits('549300SWAPCPTY0001');
export const CCP_LEI = withLeiCheckDigits('5493KRXCCP00000001');

type Row = Record<TradeColumn, string>;

/** A valid IRS row; `n` makes the UTI (and so the trade event) unique. */
export function validRow(n: number, overrides: Partial<Row> = {}): Row {
  const row: Row = {
    uti: `${BANK_LEI}T${String(n).padStart(10, '0')}`,
    prior_uti: '',
    action_type: 'NEWT',
    event_type: 'TRAD',
    counterparty_1: BANK_LEI,
    counterparty_2: CPTY_LEI,
    counterparty_2_id_type: 'LEI',
    product: 'IRS',
    asset_class: 'IR',
    notional_leg1: '10000000000',
    notional_currency_leg1: 'KRW',
    notional_leg2: '',
    notional_currency_leg2: '',
    fixed_rate_leg1: '0.0325',
    floating_index_leg2: 'KRW-CD-3M',
    spread: '',
    price: '',
    execution_ts: '2026-11-20T10:15:30.123+09:00',
    effective_date: '2026-11-24',
    expiration_date: '2031-11-24',
    cleared: 'Y',
    central_counterparty: CCP_LEI,
    platform_id: 'XKRX',
    desk: '금리스왑데스크',
    trader_id: 'T001',
    source_system: 'TAINON',
    source_trade_id: `S${n}`,
  };
  return { ...row, ...overrides };
}

export function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(row: Partial<Row>, columns: readonly string[] = TRADE_COLUMNS): string {
  return columns.map((c) => csvCell((row as Record<string, string>)[c] ?? '')).join(',');
}

export function csvFile(rows: Partial<Row>[], options: { columns?: readonly string[]; eol?: string } = {}): string {
  const columns = options.columns ?? TRADE_COLUMNS;
  const eol = options.eol ?? '\n';
  return [columns.join(','), ...rows.map((r) => csvLine(r, columns))].join(eol) + eol;
}
