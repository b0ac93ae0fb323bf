import { api, session } from '../api.js';
import { badge, fmt, h, runLink, table } from '../dom.js';

const facts = (pairs) =>
  h(
    'dl',
    { class: 'facts' },
    pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '–')]),
  );

function topFeatures(topFeatures) {
  const rows = Object.entries(topFeatures ?? {}).flatMap(([model, list]) =>
    (Array.isArray(list) ? list : [])
      .slice(0, 5)
      .map((f) => ({ model, feature: f.feature ?? f.name ?? '?', value: f.contribution ?? f.value })),
  );
  return table(
    [
      { label: 'Model', cell: (r) => r.model },
      { label: 'Feature', cell: (r) => r.feature },
      { label: 'Contribution', num: true, cell: (r) => fmt.score(r.value) },
    ],
    rows,
    'No explanation recorded.',
  );
}

function reviewForm(eventKey, reload, showError) {
  const comment = h('textarea', { name: 'comment', required: true, maxlength: 4000, placeholder: 'Why? · 검토 의견' });
  // One id per shown form: a retried submit is the same audit row and the same signal.
  const reviewId = crypto.randomUUID();
  const send = async (decision, button) => {
    if (!comment.value.trim()) return showError('A comment is required.');
    button.disabled = true;
    try {
      await api(`/api/anomalies/${eventKey}/review`, {
        method: 'POST',
        body: { decision, comment: comment.value, reviewId },
      });
      await reload({ waitForWorkflow: decision === 'confirm' ? 'confirmed' : 'dismissed' });
    } catch (error) {
      showError(error.message);
      button.disabled = false;
    }
  };
  const confirm = h(
    'button',
    { type: 'button', id: 'confirm-button', onclick: () => send('confirm', confirm) },
    'Confirm anomaly',
  );
  const dismiss = h(
    'button',
    { type: 'button', class: 'danger', id: 'dismiss-button', onclick: () => send('dismiss', dismiss) },
    'Dismiss',
  );
  return h(
    'section',
    { class: 'card', id: 'review-form' },
    h('h2', {}, 'Review · 검토'),
    h('label', {}, 'Comment', comment),
    h('div', { class: 'actions' }, confirm, dismiss),
  );
}

/** One anomaly: trade, rule hits, model scores and top features, alerts, audit log, workflow state, review form. */
export async function anomalyPage(view, { id, showError, render }) {
  const d = await api(`/api/anomalies/${encodeURIComponent(id)}`);
  const a = d.anomaly;
  const t = d.trade ?? {};
  const wf = d.workflow;
  view.append(
    h('p', {}, h('a', { href: '#/anomalies' }, '← Anomalies')),
    h('h1', {}, `Anomaly ${a.uti} `, badge(a.status)),
    h(
      'div',
      { class: 'grid' },
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Trade'),
        facts([
          ['UTI', a.uti],
          ['Action / event', `${t.action_type ?? '–'} / ${t.event_type ?? '–'}`],
          ['Product', a.product],
          ['Desk', a.desk],
          ['Trader', t.trader_id],
          ['Counterparties', t.counterparty_1 ? `${t.counterparty_1} → ${t.counterparty_2}` : null],
          ['Notional', t.notional_leg1 ? `${fmt.number(t.notional_leg1, 2)} ${t.notional_currency_leg1}` : null],
          ['Fixed rate / price', t.fixed_rate_leg1 ?? t.price],
          ['Executed', fmt.dateTime(a.execution_ts)],
          ['Business date', a.business_date],
          ['Source', t.source_system],
        ]),
      ),
      h(
        'section',
        { class: 'card', id: 'workflow' },
        h('h2', {}, 'Workflow'),
        facts([
          ['Workflow', runLink(wf.link, wf.workflowId)],
          ['Run status', badge(wf.status)],
          [
            'State',
            wf.state
              ? h('pre', { class: 'raw', id: 'workflow-state' }, JSON.stringify(wf.state, null, 2))
              : (wf.stateError ?? '–'),
          ],
        ]),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h(
        'h2',
        {},
        `Scores (ensemble ${fmt.score(d.score?.ensembleScore ?? a.ensemble_score)}, model ${d.score?.modelVersion ?? a.model_version ?? '–'})`,
      ),
      table(
        [
          { label: 'Model', cell: (r) => r[0] },
          { label: 'Score', num: true, cell: (r) => fmt.score(r[1].score) },
          { label: 'Vote', cell: (r) => (r[1].vote ? 'anomaly' : 'normal') },
        ],
        Object.entries(d.score?.memberScores ?? {}),
        'No model scores recorded.',
      ),
      h('h2', {}, 'Rule hits'),
      table(
        [
          { label: 'Rule', cell: (r) => r.rule },
          { label: 'Reason', cell: (r) => r.reason },
        ],
        d.score?.ruleHits ?? a.rule_hits,
        'No rule fired.',
      ),
      h('h2', {}, 'Top features'),
      topFeatures(d.score?.topFeatures),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Alerts sent'),
      table(
        [
          { label: 'Kind', cell: (m) => m.kind },
          { label: 'Subject', cell: (m) => m.subject },
          { label: 'To', cell: (m) => m.recipients.join(', ') },
          { label: 'Status', cell: (m) => m.status },
          { label: 'Sent', cell: (m) => fmt.dateTime(m.sent_at) },
        ],
        d.alerts,
        'No alert sent yet.',
      ),
    ),
    h(
      'section',
      { class: 'card', id: 'audit-log' },
      h('h2', {}, 'Audit log · 감사 기록'),
      table(
        [
          { label: 'When', cell: (r) => fmt.dateTime(r.at) },
          { label: 'Who', cell: (r) => r.actor },
          { label: 'Action', cell: (r) => badge(r.action) },
          { label: 'Comment', cell: (r) => r.comment ?? '' },
        ],
        d.reviews,
        'No review yet.',
      ),
    ),
    session.can('reviewer')
      ? reviewForm(a.event_key, reloadUntil, showError)
      : h('p', { class: 'notice', id: 'review-hint' }, 'Reviewing needs the reviewer role.'),
  );

  // After a review, the workflow applies the signal shortly: reload until its state shows the decision.
  async function reloadUntil({ waitForWorkflow }) {
    for (let attempt = 0; attempt < 10; attempt++) {
      const next = await api(`/api/anomalies/${encodeURIComponent(id)}`);
      if (JSON.stringify(next.workflow.state ?? '').includes(waitForWorkflow) || next.workflow.state === null) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await render();
  }
}
