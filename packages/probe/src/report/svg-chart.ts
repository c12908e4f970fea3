export interface Series {
  name: string;
  color: string;
  points: Array<[number, number]>;
  style: 'line' | 'bars' | 'dots';
}

export interface ChartSpec {
  title: string;
  /** Formats a y value for the axis labels. */
  format(value: number): string;
  series: Series[];
  /** Shaded x ranges with a label (the load windows). */
  bands: Array<{ start: number; end: number; label: string }>;
  /** Horizontal threshold lines. */
  thresholds?: Array<{ value: number; label: string }>;
  xMax: number;
}

const WIDTH = 880;
const HEIGHT = 220;
const PAD = { left: 64, right: 12, top: 28, bottom: 28 };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A time chart as inline SVG: no script, no external resource, so the page works offline and in mail. */
export function svgChart(spec: ChartSpec): string {
  const values = spec.series.flatMap((series) => series.points.map(([, y]) => y)).concat((spec.thresholds ?? []).map((t) => t.value));
  const yMax = Math.max(1e-9, ...values) * 1.1;
  const xMax = Math.max(1, spec.xMax);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (t: number): number => PAD.left + (t / xMax) * plotW;
  const y = (v: number): number => PAD.top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  parts.push(`<text x="${PAD.left}" y="16" class="title">${escapeXml(spec.title)}</text>`);
  // One shade per route (alternating), its name over its first window.
  const routes = [...new Set(spec.bands.map((band) => band.label))];
  const labels = new Map<string, string>();
  for (const band of spec.bands) {
    const shade = routes.indexOf(band.label) % 2;
    parts.push(`<rect x="${x(band.start).toFixed(1)}" y="${PAD.top}" width="${Math.max(1, x(band.end) - x(band.start)).toFixed(1)}" height="${plotH}" class="band${shade}"><title>${escapeXml(band.label)}</title></rect>`);
    if (!labels.has(band.label)) labels.set(band.label, `<text x="${(x(band.start) + 2).toFixed(1)}" y="${PAD.top + 10}" class="band-label">${escapeXml(band.label)}</text>`);
  }
  // Over the bands, not under the next one.
  parts.push(...labels.values());
  for (let i = 0; i <= 4; i++) {
    const value = (yMax / 4) * i;
    parts.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${(y(value) + 4).toFixed(1)}" class="axis" text-anchor="end">${escapeXml(spec.format(value))}</text>`);
  }
  for (let s = 0; s <= xMax / 1000; s += Math.max(1, Math.ceil(xMax / 1000 / 10))) {
    parts.push(`<text x="${x(s * 1000).toFixed(1)}" y="${HEIGHT - 8}" class="axis" text-anchor="middle">${s}s</text>`);
  }
  for (const threshold of spec.thresholds ?? []) {
    parts.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(threshold.value).toFixed(1)}" y2="${y(threshold.value).toFixed(1)}" class="threshold"><title>${escapeXml(threshold.label)}</title></line>`);
  }
  const barWidth = Math.max(1, plotW / Math.max(1, ...spec.series.map((series) => series.points.length)) - 1);
  for (const series of spec.series) {
    if (series.style === 'line' && series.points.length) {
      const d = series.points.map(([t, v], i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join('');
      parts.push(`<path d="${d}" fill="none" stroke="${series.color}" stroke-width="1.5"><title>${escapeXml(series.name)}</title></path>`);
    } else if (series.style === 'bars') {
      for (const [t, v] of series.points) parts.push(`<rect x="${(x(t) - barWidth).toFixed(1)}" y="${y(v).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(PAD.top + plotH - y(v)).toFixed(1)}" fill="${series.color}"/>`);
    } else {
      for (const [t, v] of series.points) parts.push(`<circle cx="${x(t).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3.5" fill="${series.color}"><title>${escapeXml(`${series.name}: ${spec.format(v)}`)}</title></circle>`);
    }
  }
  const legend = spec.series.map((series, i) => `<g transform="translate(${WIDTH - PAD.right - 150 * (spec.series.length - i)},8)"><rect width="10" height="10" fill="${series.color}"/><text x="14" y="9" class="axis">${escapeXml(series.name)}</text></g>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(spec.title)}">${parts.join('')}${legend.join('')}</svg>`;
}
