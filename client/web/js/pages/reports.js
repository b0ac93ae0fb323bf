import { api, download, qs, session } from '../api.js';
import { badge, fmt, h, pager, runLink, table } from '../dom.js';

/** Daily and cumulative reports: status, downloads with their SHA-256, resubmission for admins. */
export async function reportsPage(view, { params, navigate, render, showError }) {
  const page = Number(params.get('page') ?? 1);
  const data = await api(`/api/reports${qs({ page })}`);
  const status = h('p', { class: 'notice', id: 'download-status' });
  const get = async (id, format) => {
    try {
      const file = await download(`/api/reports/${encodeURIComponent(id)}/${format}`);
      status.textContent = `${file.name} · SHA-256 ${file.sha256}`;
    } catch (error) {
      showError(error.message);
    }
  };
  const resubmit = async (id) => {
    if (!confirm(`Transmit report ${id} again?`)) return;
    try {
      await api(`/api/reports/${encodeURIComponent(id)}/resubmit`, { method: 'POST', body: {} });
      await render();
    } catch (error) {
      showError(error.message);
    }
  };
  view.append(h('h1', {}, 'Reports · 보고서'));
  if (!data.available) {
    view.append(h('p', { class: 'notice' }, 'No reports have been produced yet.'));
    return;
  }
  view.append(
    status,
    table(
      [
        { label: 'Kind', cell: (r) => r.kind },
        { label: 'Period', cell: (r) => r.period },
        { label: 'Status', cell: (r) => badge(r.status) },
        { label: 'Submitted', cell: (r) => fmt.dateTime(r.submittedAt) },
        { label: 'Acknowledged', cell: (r) => fmt.dateTime(r.acknowledgedAt) },
        {
          label: 'Files',
          cell: (r) =>
            r.files.map((f) => h('button', { class: 'secondary', onclick: () => get(r.id, f.format) }, f.format)),
        },
        { label: 'Run', cell: (r) => runLink(r.workflowLink) },
        data.canResubmit &&
          session.can('admin') && {
            label: '',
            cell: (r) => h('button', { onclick: () => resubmit(r.id) }, 'Resubmit'),
          },
      ].filter(Boolean),
      data.items,
    ),
    pager(data.page, data.pageSize, data.total, (p) => navigate('reports', { page: p })),
  );
}
