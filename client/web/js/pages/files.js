import { api, download, qs } from '../api.js';
import { badge, fmt, h, pager, runLink, table } from '../dom.js';

/** Ingested files with their counts; a chosen file's rejected rows with reasons, and their CSV download. */
export async function filesPage(view, { params, navigate, showError }) {
  const page = Number(params.get('page') ?? 1);
  const fileId = params.get('file');
  const result = await api(`/api/files${qs({ page })}`);
  view.append(
    h('h1', {}, 'Ingested files · 수신 파일'),
    table(
      [
        { label: 'Id', num: true, cell: (f) => f.id },
        { label: 'File', cell: (f) => f.original_name },
        { label: 'Status', cell: (f) => badge(f.status) },
        { label: 'Read', num: true, cell: (f) => fmt.number(f.rows_read) },
        { label: 'Loaded', num: true, cell: (f) => fmt.number(f.rows_loaded) },
        {
          label: 'Rejected',
          num: true,
          cell: (f) =>
            f.rows_rejected > 0
              ? h('a', { href: `#/files?file=${f.id}`, class: 'rejected-link' }, fmt.number(f.rows_rejected))
              : '0',
        },
        { label: 'Duplicates', num: true, cell: (f) => fmt.number(f.rows_duplicate) },
        { label: 'Received', cell: (f) => fmt.dateTime(f.created_at) },
        { label: 'Run', cell: (f) => runLink(f.workflowLink) },
      ],
      result.items,
      'No files ingested yet.',
    ),
    pager(result.page, result.pageSize, result.total, (p) => navigate('files', { page: p })),
  );
  if (fileId) await rejectedRows(view, fileId, Number(params.get('rpage') ?? 1), navigate, showError);
}

async function rejectedRows(view, fileId, page, navigate, showError) {
  const result = await api(`/api/files/${encodeURIComponent(fileId)}/rejected${qs({ page })}`);
  const status = h('span', { class: 'notice', id: 'download-status' });
  const button = h(
    'button',
    {
      id: 'download-rejected',
      onclick: async () => {
        try {
          const file = await download(`/api/files/${encodeURIComponent(fileId)}/rejected.csv`);
          status.textContent = `${file.name} · SHA-256 ${file.sha256}`;
        } catch (error) {
          showError(error.message);
        }
      },
    },
    'Download rejected rows (CSV)',
  );
  view.append(
    h(
      'section',
      { class: 'card', id: 'rejected-rows' },
      h('h2', {}, `Rejected rows of ${result.file.original_name}`),
      h('div', { class: 'actions' }, button, status),
      table(
        [
          { label: 'Line', num: true, cell: (r) => r.line_no },
          {
            label: 'Reasons',
            cell: (r) =>
              h(
                'ul',
                {},
                r.reasons.map((reason) => h('li', {}, reason)),
              ),
          },
          { label: 'Record', cell: (r) => h('pre', { class: 'raw' }, r.raw) },
        ],
        result.items,
      ),
      pager(result.page, result.pageSize, result.total, (p) => navigate('files', { file: fileId, rpage: p })),
    ),
  );
}
