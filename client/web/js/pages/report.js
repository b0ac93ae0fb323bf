import { api } from '../api.js';
import { fmt, h, runLink, table } from '../dom.js';
import { fileButtons, reportBadge, resubmitButton } from './report-actions.js';

/** One report: its files and checksums, every submission with the gateway's answer, and its event log. */
export async function reportPage(view, { id, render, showError }) {
  const r = await api(`/api/reports/${encodeURIComponent(id ?? '')}`);
  const status = h('p', { class: 'notice', id: 'download-status' });
  const facts = [
    ['Kind', r.kind.replace('_', '-')],
    ['Date / period', r.period ?? r.businessDate ?? r.reportDate],
    ['Covers (UTC)', `${fmt.dateTime(r.periodStart)} – ${fmt.dateTime(r.periodEnd)}`],
    ['Rows · anomalies', `${fmt.number(r.rowCount)} · ${fmt.number(r.anomalyCount)}`],
    ['Status', reportBadge(r.status)],
    ['Acknowledgement', reportBadge(r.ackStatus, 'ack')],
    ['Generated', fmt.dateTime(r.generatedAt)],
    ['Built from', r.sourceReports.length ? r.sourceReports.join(', ') : '–'],
    ['Run', runLink(r.workflowLink)],
  ];
  view.append(
    h('h1', {}, `Report ${r.id}`),
    h(
      'dl',
      { class: 'facts', id: 'report-facts' },
      facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
    ),
    h('h2', {}, 'Files'),
    table(
      [
        { label: 'File', cell: (f) => (f.format === 'machine' ? `machine (${f.fileType})` : f.format) },
        { label: 'Bytes', num: true, cell: (f) => fmt.number(f.bytes) },
        { label: 'SHA-256', cell: (f) => h('code', {}, f.sha256) },
      ],
      r.files,
      'No archived files yet.',
    ),
    h(
      'div',
      { class: 'actions' },
      fileButtons(r, status, showError),
      resubmitButton(r, r.canResubmit, { render, showError }),
    ),
    status,
    h('h2', {}, 'Submissions'),
    h(
      'div',
      { id: 'report-submissions' },
      table(
        [
          { label: '#', num: true, cell: (s) => s.submissionNo },
          { label: 'Transport', cell: (s) => s.transport },
          { label: 'Status', cell: (s) => reportBadge(s.status, 'ack') },
          { label: 'Reason', cell: (s) => s.reason ?? '–' },
          { label: 'Sent', cell: (s) => fmt.dateTime(s.sentAt) },
          { label: 'Answered', cell: (s) => fmt.dateTime(s.ackAt) },
          { label: 'Remote', cell: (s) => s.remoteRef ?? '–' },
        ],
        r.submissions,
        'Not transmitted yet.',
      ),
    ),
    h('h2', {}, 'Events'),
    h(
      'div',
      { id: 'report-events' },
      table(
        [
          { label: 'At', cell: (e) => fmt.dateTime(e.at) },
          { label: 'Event', cell: (e) => e.event },
          { label: 'Detail', cell: (e) => h('code', {}, JSON.stringify(e.detail)) },
        ],
        r.events,
        'No events.',
      ),
    ),
  );
}
