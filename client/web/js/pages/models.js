import { api, session } from '../api.js';
import { badge, fmt, h, runLink, table } from '../dom.js';

const metric = (metrics, key) => fmt.score(metrics?.ensemble?.[key] ?? metrics?.[key]);

function driftSummary(drift) {
  if (!drift) return '–';
  const score = drift.scorePsi ?? drift.score?.psi ?? drift.score;
  const features = drift.features ?? drift.featurePsi;
  const worst =
    features && typeof features === 'object'
      ? Object.entries(features)
          .map(([name, v]) => [name, typeof v === 'number' ? v : v?.psi])
          .filter(([, v]) => typeof v === 'number')
          .sort((a, b) => b[1] - a[1])[0]
      : undefined;
  return (
    [
      typeof score === 'number' ? `score PSI ${score.toFixed(3)}` : null,
      worst ? `max ${worst[0]} ${worst[1].toFixed(3)}` : null,
    ]
      .filter(Boolean)
      .join(' · ') || JSON.stringify(drift).slice(0, 80)
  );
}

/** Model versions with metrics and drift, the champion history, and promote / roll back for admins. */
export async function modelsPage(view, { render, showError }) {
  const data = await api('/api/models');
  const change = async (version, action) => {
    const reason = prompt(`${action === 'promote' ? 'Promote' : 'Roll back to'} ${version}: reason?`);
    if (!reason) return;
    try {
      await api(`/api/models/${encodeURIComponent(version)}/${action}`, { method: 'POST', body: { reason } });
      await render();
    } catch (error) {
      showError(error.message);
    }
  };
  const admin = session.can('admin');
  view.append(
    h('h1', {}, 'Models · 모델'),
    table(
      [
        { label: 'Version', cell: (v) => v.version },
        { label: 'Week', cell: (v) => v.training_week },
        { label: 'Status', cell: (v) => badge(v.status) },
        { label: 'ROC AUC', num: true, cell: (v) => metric(v.metrics, 'rocAuc') },
        { label: 'PR AUC', num: true, cell: (v) => metric(v.metrics, 'prAuc') },
        { label: 'F1', num: true, cell: (v) => metric(v.metrics, 'f1') },
        { label: 'Drift', cell: (v) => driftSummary(v.drift) },
        { label: 'Trained', cell: (v) => fmt.dateTime(v.created_at) },
        { label: 'Run', cell: (v) => runLink(v.workflowLink) },
        admin && {
          label: 'Actions',
          cell: (v) =>
            v.status === 'champion'
              ? '–'
              : h(
                  'span',
                  {},
                  h(
                    'button',
                    {
                      class: 'secondary',
                      onclick: () => change(v.version, v.status === 'retired' ? 'rollback' : 'promote'),
                    },
                    v.status === 'retired' ? 'Roll back to' : 'Promote',
                  ),
                ),
        },
      ].filter(Boolean),
      data.versions,
      'No model trained yet.',
    ),
    h('h2', {}, 'Champion history'),
    table(
      [
        { label: 'When', cell: (e) => fmt.dateTime(e.at) },
        { label: 'Version', cell: (e) => e.version },
        { label: 'Event', cell: (e) => e.event },
        { label: 'By', cell: (e) => e.actor },
        { label: 'Reason', cell: (e) => e.reason },
      ],
      data.events,
    ),
  );
}
