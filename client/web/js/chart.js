const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** Stacked bars of anomalies per day (pending, confirmed, dismissed) as inline SVG, one bar per calendar day. */
export function anomaliesChart(from, to, perDay) {
  const byDate = new Map(perDay.map((d) => [d.date, d]));
  const days = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    days.push(byDate.get(date) ?? { date, total: 0, pending: 0, confirmed: 0, dismissed: 0 });
  }
  const width = 900;
  const height = 220;
  const pad = { left: 40, right: 10, top: 10, bottom: 30 };
  const max = Math.max(1, ...days.map((d) => d.total));
  const plotH = height - pad.top - pad.bottom;
  const slot = (width - pad.left - pad.right) / days.length;
  const y = (v) => pad.top + plotH - (v / max) * plotH;
  const svg = s('svg', {
    class: 'chart',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `Anomalies per day from ${from} to ${to}`,
    width: '100%',
  });
  for (const tick of [0, Math.round(max / 2), max]) {
    svg.append(s('line', { class: 'axis', x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick) }));
    svg.append(s('text', { x: pad.left - 6, y: y(tick) + 3, 'text-anchor': 'end' }, tick));
  }
  days.forEach((d, i) => {
    const x = pad.left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    let base = 0;
    for (const part of ['confirmed', 'pending', 'dismissed']) {
      const v = d[part];
      if (v > 0) {
        const rect = s('rect', { class: `bar-${part}`, x, width: w, y: y(base + v), height: y(base) - y(base + v) });
        rect.append(s('title', {}, `${d.date}: ${v} ${part}`));
        svg.append(rect);
      }
      base += v;
    }
    if (days.length <= 31 ? i % 5 === 0 || i === days.length - 1 : i % 15 === 0) {
      svg.append(s('text', { x: x + w / 2, y: height - pad.bottom + 14, 'text-anchor': 'middle' }, d.date.slice(5)));
    }
  });
  return svg;
}
