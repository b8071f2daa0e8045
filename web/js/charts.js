// Small line charts drawn as SVG by hand: a few series over the last minutes, their latest values
// in a legend, and a text alternative for screen readers. No library: this is all they need.

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

// series: [{ label, values: [number|null], className }], format(value) -> text.
// times: the sample times (ms) shared by every series. A compact chart (a sparkline in a table
// cell) has no axis labels.
export function lineChart({ title, series, times, format, width = 320, height = 120, compact = false }) {
  const pad = compact ? { top: 3, right: 2, bottom: 3, left: 2 } : { top: 10, right: 8, bottom: 18, left: 52 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const values = series.flatMap((s) => s.values).filter((v) => v !== null && Number.isFinite(v));
  const max = Math.max(...values, 0) || 1;
  const n = times.length;
  const x = (i) => pad.left + (n > 1 ? (i / (n - 1)) * plotW : plotW);
  const y = (v) => pad.top + plotH - (v / max) * plotH;

  const latest = series.map((s) => `${s.label}: ${format(lastValue(s.values))}`).join('; ');
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart',
    role: 'img',
    'aria-label': `${title}. ${latest}`,
  });
  root.append(svg('title', {}, `${title}. ${latest}`));
  // Grid: the top (max) and the zero line, labelled.
  root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), class: 'axis' }));
  if (!compact) {
    root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(max), y2: y(max), class: 'grid' }));
    root.append(svg('text', { x: pad.left - 4, y: y(max) + 4, class: 'tick', 'text-anchor': 'end' }, format(max)));
    root.append(svg('text', { x: pad.left - 4, y: y(0) + 4, class: 'tick', 'text-anchor': 'end' }, format(0)));
  }
  if (n > 1 && !compact) {
    const span = Math.round((times[n - 1] - times[0]) / 1000);
    root.append(svg('text', { x: pad.left, y: height - 4, class: 'tick' }, `-${span}s`));
    root.append(svg('text', { x: width - pad.right, y: height - 4, class: 'tick', 'text-anchor': 'end' }, '0s'));
  }
  for (const s of series) {
    // A gap (null) splits the line, so a missing sample is not drawn as a slope.
    let d = '';
    let pen = 'M';
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = 'M';
        return;
      }
      d += `${pen}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      pen = 'L';
    });
    if (d) root.append(svg('path', { d, class: `series ${s.className || ''}` }));
  }
  return root;
}

function lastValue(values) {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
}
