import { api } from '../api.js';
import { anomaliesChart } from '../chart.js';
import { badge, fmt, h, runLink, table } from '../dom.js';

export async function dashboardPage(view) {
  const data = await api('/api/dashboard');
  const total = data.anomaliesPerDay.reduce((sum, d) => sum + d.total, 0);
  view.append(
    h('h1', {}, 'Dashboard · 대시보드'),
    h(
      'div',
      { class: 'grid' },
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Open reviews'),
        h('a', { class: 'stat', href: '#/anomalies?status=pending', id: 'open-reviews' }, fmt.number(data.openReviews)),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, `Anomalies ${data.from} – ${data.to}`),
        h('div', { class: 'stat' }, fmt.number(total)),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Anomalies per business day (KST)'),
      anomaliesChart(data.from, data.to, data.anomaliesPerDay),
      h(
        'div',
        { class: 'legend' },
        h('span', { class: 'confirmed' }, 'confirmed'),
        h('span', { class: 'pending' }, 'awaiting review'),
        h('span', { class: 'dismissed' }, 'dismissed'),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Schedules'),
      data.schedules === null
        ? h('p', { class: 'notice' }, 'Temporal did not answer; schedules are unavailable.')
        : table(
            [
              { label: 'Schedule', cell: (s) => runLink(s.link, s.scheduleId) },
              { label: 'Workflow', cell: (s) => s.workflowType ?? '–' },
              { label: 'Next run', cell: (s) => (s.paused ? 'paused' : fmt.dateTime(s.nextRuns[0])) },
              { label: 'Last run', cell: (s) => (s.lastRun ? fmt.dateTime(s.lastRun.takenAt) : 'never') },
              { label: 'Status', cell: (s) => (s.lastRun ? badge(s.lastRun.status) : '–') },
              { label: 'Run', cell: (s) => (s.lastRun ? runLink(s.lastRun.link) : '–') },
            ],
            data.schedules,
            'No schedules yet (npm run cli -- schedules apply).',
          ),
    ),
  );
}
