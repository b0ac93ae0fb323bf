import { api, download, session } from '../api.js';
import { h } from '../dom.js';

/** A report's status, and its gateway acknowledgement, coloured by outcome. */
export const reportBadge = (status, kind = 'status') =>
  h('span', { class: `badge report-${kind} ${status}` }, status.replace('_', ' '));

/** Download buttons for a report's files; the SHA-256 the server sends lands in `statusLine`. */
export function fileButtons(report, statusLine, showError) {
  return report.files.map((f) =>
    h(
      'button',
      {
        class: 'secondary',
        title: `${f.fileType} · SHA-256 ${f.sha256}`,
        'data-format': f.format,
        onclick: async () => {
          try {
            const file = await download(`/api/reports/${encodeURIComponent(report.id)}/${f.format}`);
            statusLine.textContent = `${file.name} · SHA-256 ${file.sha256}`;
          } catch (error) {
            showError(error.message);
          }
        },
      },
      f.format === 'machine' ? `machine (${f.fileType})` : f.format,
    ),
  );
}

/**
 * Resubmit button, for admins and a rejected ("not reported") report only; the server checks the role again.
 * The workflow sends the archived file as the next submission, and the report stays not reported until acknowledged.
 */
export function resubmitButton(report, canResubmit, { render, showError }) {
  if (!canResubmit || !session.can('admin') || report.status !== 'not_reported') return null;
  return h(
    'button',
    {
      class: 'resubmit',
      onclick: async () => {
        const reason = prompt(`Transmit ${report.id} again: reason?`);
        if (reason === null) return;
        try {
          await api(`/api/reports/${encodeURIComponent(report.id)}/resubmit`, {
            method: 'POST',
            body: reason.trim() ? { reason: reason.trim() } : {},
          });
          await render();
        } catch (error) {
          showError(error.message);
        }
      },
    },
    'Resubmit',
  );
}
