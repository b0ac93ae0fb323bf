import { api, qs } from '../api.js';
import { badge, filterForm, fmt, h, pager, runLink, table } from '../dom.js';

const PRODUCTS = ['IRS', 'CCS', 'FX_SWAP', 'CDS', 'EQUITY_SWAP'];
const STATUSES = ['pending', 'open', 'alerted', 'escalated', 'acknowledged', 'confirmed', 'dismissed'];
const FIELDS = ['from', 'to', 'product', 'desk', 'status', 'minScore', 'maxScore'];

/** The review queue: filters and paging live in the URL, so a filtered view can be bookmarked and shared. */
export async function anomaliesPage(view, { params, navigate }) {
  const filters = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? '']));
  const page = Number(params.get('page') ?? 1);
  const go = (next) => navigate('anomalies', { ...next });
  const form = filterForm(filters, go, ({ input, select }) => [
    h('label', {}, 'From', input('from', 'date')),
    h('label', {}, 'To', input('to', 'date')),
    h('label', {}, 'Product', select('product', PRODUCTS)),
    h('label', {}, 'Desk', input('desk', 'text', { placeholder: '예: 금리스왑데스크', maxlength: 100 })),
    h('label', {}, 'Status', select('status', STATUSES)),
    h('label', {}, 'Min score', input('minScore', 'number', { step: 'any' })),
    h('label', {}, 'Max score', input('maxScore', 'number', { step: 'any' })),
  ]);
  view.append(h('h1', {}, 'Anomalies · 이상 거래'), form);
  const result = await api(`/api/anomalies${qs({ ...filters, page })}`);
  view.append(
    table(
      [
        { label: 'Business date', cell: (a) => a.business_date },
        { label: 'UTI', cell: (a) => h('a', { href: `#/anomaly/${a.event_key}`, class: 'anomaly-link' }, a.uti) },
        { label: 'Product', cell: (a) => a.product },
        { label: 'Desk', cell: (a) => a.desk ?? '–' },
        { label: 'Score', num: true, cell: (a) => fmt.score(a.ensemble_score) },
        { label: 'Rules', cell: (a) => a.rule_hits.map((r) => r.rule).join(', ') || '–' },
        { label: 'Status', cell: (a) => badge(a.status) },
        { label: 'Executed', cell: (a) => fmt.dateTime(a.execution_ts) },
        { label: 'Run', cell: (a) => runLink(a.workflowLink, 'workflow ↗') },
      ],
      result.items,
      'No anomalies match these filters.',
    ),
    pager(result.page, result.pageSize, result.total, (p) => go({ ...filters, page: p })),
  );
}
