import { api, session } from './api.js';
import { h, mount } from './dom.js';
import { anomaliesPage } from './pages/anomalies.js';
import { anomalyPage } from './pages/anomaly.js';
import { dashboardPage } from './pages/dashboard.js';
import { filesPage } from './pages/files.js';
import { loginPage } from './pages/login.js';
import { modelsPage } from './pages/models.js';
import { reportPage } from './pages/report.js';
import { reportsPage } from './pages/reports.js';

const PAGES = {
  dashboard: dashboardPage,
  anomalies: anomaliesPage,
  anomaly: anomalyPage,
  files: filesPage,
  models: modelsPage,
  reports: reportsPage,
  report: reportPage,
};
const view = document.getElementById('view');
const errorBanner = document.getElementById('error');

function showError(message) {
  errorBanner.textContent = message;
  errorBanner.hidden = false;
}

/** `#/anomalies?status=pending` → the page name, an optional id (`#/anomaly/<key>`) and the query. */
function route() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name = '', id] = path.split('/');
  return { name: name || 'dashboard', id, params: new URLSearchParams(query) };
}

function navigate(name, params = {}) {
  const search = new URLSearchParams(
    Object.entries(params).filter(([, v]) => v !== '' && v !== undefined && v !== null),
  );
  const text = search.toString();
  location.hash = `#/${name}${text ? `?${text}` : ''}`;
}

function renderSession() {
  const user = session.user();
  document.getElementById('nav').hidden = !user;
  const box = document.getElementById('session');
  if (!user) return mount(box);
  mount(
    box,
    h('span', { id: 'whoami' }, `${user.name} (${user.role})`),
    h(
      'button',
      {
        onclick: async () => {
          await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
          session.clear();
          location.hash = '#/login';
          await render();
        },
      },
      'Log out',
    ),
  );
}

async function render() {
  errorBanner.hidden = true;
  const { name, id, params } = route();
  renderSession();
  for (const a of document.querySelectorAll('nav a'))
    a.classList.toggle(
      'active',
      a.dataset.page === name ||
        (name === 'anomaly' && a.dataset.page === 'anomalies') ||
        (name === 'report' && a.dataset.page === 'reports'),
    );
  const container = h('div', { class: 'page', 'data-page': name });
  mount(view, container);
  if (!session.token() || name === 'login') {
    if (name !== 'login') return navigate('login');
    return loginPage(container, { showError, onLogin: () => navigate('dashboard') });
  }
  const page = PAGES[name];
  if (!page) return container.append(h('p', {}, 'No such page.'));
  try {
    await page(container, { id, params, navigate, render, showError });
    container.dataset.ready = 'true';
  } catch (error) {
    showError(error.message ?? String(error));
  }
}

window.addEventListener('hashchange', () => void render());
void render();
