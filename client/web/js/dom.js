/**
 * h('a', { href: '#/x', class: 'c' }, 'text', child): builds elements with text nodes only, never HTML strings,
 * so data from the server can never become markup (and the CSP forbids inline script anyway).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function mount(target, ...children) {
  target.replaceChildren();
  append(target, children);
}

export const fmt = {
  dateTime(value) {
    if (!value) return '–';
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? String(value) : d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  },
  number(value, digits = 0) {
    if (value === null || value === undefined || value === '') return '–';
    const n = Number(value);
    return Number.isFinite(n)
      ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
      : String(value);
  },
  score(value) {
    return value === null || value === undefined ? '–' : Number(value).toFixed(4);
  },
};

export const badge = (text) => h('span', { class: `badge ${text}` }, text);

/** A link into the Temporal web UI, in a new tab. */
export const runLink = (href, text = 'Temporal run ↗') =>
  href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'run-link' }, text) : '–';

/** `rowAttrs(row)` adds attributes to a row's <tr> (e.g. data-* hooks). */
export function table(columns, rows, empty = 'Nothing to show.', rowAttrs = () => ({})) {
  if (rows.length === 0) return h('p', { class: 'notice' }, empty);
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { class: c.num ? 'num' : undefined }, c.label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          rowAttrs(row),
          columns.map((c) => h('td', { class: c.num ? 'num' : undefined }, c.cell(row))),
        ),
      ),
    ),
  );
}

export function pager(page, pageSize, total, go) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return h(
    'div',
    { class: 'pager' },
    h('button', { class: 'secondary', disabled: page <= 1, onclick: () => go(page - 1) }, '← Previous'),
    h('span', {}, `Page ${page} of ${pages} · ${fmt.number(total)} in all`),
    h('button', { class: 'secondary', disabled: page >= pages, onclick: () => go(page + 1) }, 'Next →'),
  );
}

/**
 * A filter form whose values live in the URL: `fields({ input, select })` gives the labelled controls (prefilled
 * from `filters`); Filter navigates with the form's values, Clear with none.
 */
export function filterForm(filters, go, fields) {
  const input = (name, type = 'text', extra = {}) => h('input', { name, type, value: filters[name], ...extra });
  const select = (name, options) =>
    h(
      'select',
      { name },
      h('option', { value: '' }, 'any'),
      options.map((o) => h('option', { value: o, selected: filters[name] === o }, o)),
    );
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (event) => {
        event.preventDefault();
        go(Object.fromEntries(new FormData(form).entries()));
      },
    },
    ...fields({ input, select }),
    h('button', { type: 'submit' }, 'Filter'),
    h('button', { type: 'button', class: 'secondary', onclick: () => go({}) }, 'Clear'),
  );
  return form;
}
