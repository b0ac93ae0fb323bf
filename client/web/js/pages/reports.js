import { api, qs } from '../api.js';
import { filterForm, fmt, h, pager, runLink, table } from '../dom.js';
import { fileButtons, reportBadge, resubmitButton } from './report-actions.js';

const KINDS = ['daily', 'cumulative', 'quarterly', 'half_year', 'annual', 'correction'];
const STATUSES = ['building', 'archived', 'transmitted', 'acknowledged', 'not_reported'];
const FIELDS = ['kind', 'status', 'from', 'to'];

/** Daily, cumulative and correction reports: status, acknowledgement, downloads, resubmission for admins. */
export async function reportsPage(view, { params, navigate, render, showError }) {
  const filters = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? '']));
  const page = Number(params.get('page') ?? 1);
  const go = (next) => navigate('reports', next);
  const form = filterForm(filters, go, ({ input, select }) => [
    h('label', {}, 'Kind', select('kind', KINDS)),
    h('label', {}, 'Status', select('status', STATUSES)),
    h('label', {}, 'From', input('from', 'date')),
    h('label', {}, 'To', input('to', 'date')),
  ]);
  const data = await api(`/api/reports${qs({ ...filters, page })}`);
  const status = h('p', { class: 'notice', id: 'download-status' });
  view.append(h('h1', {}, 'Reports · 보고서'), form, status);
  view.append(
    table(
      [
        { label: 'Report', cell: (r) => h('a', { href: `#/report/${r.id}`, class: 'report-link' }, r.id) },
        { label: 'Kind', cell: (r) => r.kind.replace('_', '-') },
        { label: 'Date / period', cell: (r) => r.period ?? r.businessDate ?? r.reportDate },
        { label: 'Rows', num: true, cell: (r) => fmt.number(r.rowCount) },
        { label: 'Anomalies', num: true, cell: (r) => fmt.number(r.anomalyCount) },
        { label: 'Status', cell: (r) => reportBadge(r.status) },
        {
          label: 'Submission',
          cell: (r) => [
            r.submissions ? `#${r.submissions} ` : '',
            reportBadge(r.ackStatus, 'ack'),
            r.ackReason ? h('div', { class: 'notice' }, r.ackReason) : null,
          ],
        },
        { label: 'Submitted', cell: (r) => fmt.dateTime(r.submittedAt) },
        { label: 'Acknowledged', cell: (r) => fmt.dateTime(r.acknowledgedAt) },
        { label: 'Files', cell: (r) => fileButtons(r, status, showError) },
        { label: 'Run', cell: (r) => runLink(r.workflowLink) },
        { label: '', cell: (r) => resubmitButton(r, data.canResubmit, { render, showError }) ?? '' },
      ],
      data.items,
      'No reports match these filters.',
      (r) => ({ 'data-report': r.id, 'data-status': r.status }),
    ),
    pager(data.page, data.pageSize, data.total, (p) => go({ ...filters, page: p })),
  );
}
