// The results as a picture: one bar per operation and baseline, its ratio on a log scale (1× is the
// baseline; left of it is faster), green where the line's targets are met, red where one is missed,
// grey without a target, with a tick where a ratio target lies. Written beside latest.json as an
// SVG, which any browser and GitHub show; plain markup, no library.
import type { RowResult } from './measureRow.ts';

const LEFT = 560;
const BAR_AREA = 420;
const ROW_HEIGHT = 22;
const TOP = 54;
/** The scale runs from 1/1000× to 100×; ratios beyond are drawn at the edge with their value. */
const MIN_LOG = -3;
const MAX_LOG = 2;

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
const xOf = (ratio: number) => LEFT + ((Math.min(MAX_LOG, Math.max(MIN_LOG, Math.log10(ratio))) - MIN_LOG) / (MAX_LOG - MIN_LOG)) * BAR_AREA;
const ratioText = (ratio: number) => `${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

interface Bar {
  label: string;
  ratio: number;
  verdict: 'pass' | 'miss' | 'none';
  /** A ratio target ("≤ 1.5×"; "≥ 5× faster" is ≤ 0.2×). */
  limit: number | null;
}

function barsOf(rows: RowResult[]): Bar[] {
  return rows.flatMap((row) =>
    row.baselines.map((baseline, i) => {
      const targets = [...(i === 0 ? row.targets : []), ...baseline.targets];
      const limit = baseline.targets.map((t) => t.spec).find((spec) => spec?.kind === 'maxRatio')?.value ?? null;
      return {
        label: `${shorten(row.operation, 52)} — vs ${shorten(baseline.label, 30)}`,
        ratio: baseline.ratio,
        verdict: targets.length === 0 ? 'none' : targets.every((t) => t.met) ? 'pass' : 'miss',
        limit,
      } satisfies Bar;
    }),
  );
}

const COLOURS = { pass: '#2da44e', miss: '#cf222e', none: '#8c959f' } as const;

export function ratioChart(rows: RowResult[], title: string): string {
  const bars = barsOf(rows).filter((bar) => Number.isFinite(bar.ratio) && bar.ratio > 0);
  const height = TOP + bars.length * ROW_HEIGHT + 56;
  const width = LEFT + BAR_AREA + 90;
  const axis = [];
  for (let power = MIN_LOG; power <= MAX_LOG; power++) {
    const x = xOf(10 ** power);
    axis.push(`<line x1="${x}" y1="${TOP - 6}" x2="${x}" y2="${height - 50}" stroke="${power === 0 ? '#57606a' : '#d0d7de'}"/>`);
    axis.push(`<text x="${x}" y="${TOP - 10}" text-anchor="middle" class="axis">${ratioText(10 ** power)}</text>`);
  }
  const lines = bars.map((bar, i) => {
    const y = TOP + i * ROW_HEIGHT;
    const one = xOf(1);
    const end = xOf(bar.ratio);
    const [from, to] = end >= one ? [one, end] : [end, one];
    const tick = bar.limit === null ? '' : `<line x1="${xOf(bar.limit)}" y1="${y + 1}" x2="${xOf(bar.limit)}" y2="${y + ROW_HEIGHT - 5}" stroke="#24292f" stroke-width="2"><title>target ≤ ${ratioText(bar.limit)}</title></line>`;
    return [
      `<text x="${LEFT - 8}" y="${y + 14}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${from}" y="${y + 3}" width="${Math.max(1, to - from)}" height="${ROW_HEIGHT - 10}" fill="${COLOURS[bar.verdict]}"><title>${escapeXml(`${bar.label}: ${ratioText(bar.ratio)} (${bar.verdict})`)}</title></rect>`,
      tick,
      `<text x="${LEFT + BAR_AREA + 8}" y="${y + 14}">${ratioText(bar.ratio)}</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">
<style>.axis{fill:#57606a;font-size:11px} .title{font-size:14px;font-weight:600}</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="22" class="title">${escapeXml(title)}</text>
${axis.join('\n')}
${lines.join('\n')}
<text x="12" y="${height - 28}" class="axis">Operation time ÷ baseline time (medians, log scale): left of 1× is faster than the baseline.</text>
<text x="12" y="${height - 12}" class="axis">Green: every target of the line met; red: a target missed; grey: no target; black tick: the ratio target.</text>
</svg>
`;
}

/** One bench run's rows at one dataset size (bench/results/size-<name>.json). */
export interface SizeSeries {
  size: string;
  events: number;
  rows: RowResult[];
}

const SIZE_LEFT = 70;
const SIZE_PLOT_W = 520;
const SIZE_PLOT_H = 320;
const SIZE_TOP = 44;
const PALETTE = ['#0969da', '#cf222e', '#2da44e', '#8250df', '#bf8700', '#1b7c83', '#e16f24', '#57606a', '#a40e26', '#116329', '#6639ba', '#953800'];

/**
 * Time against store size: each operation's median at every size it was measured (log-log), a
 * line through its points; a flat line is an operation that does not grow with the store.
 */
export function sizeChart(series: SizeSeries[], title: string): string {
  const sizes = [...series].sort((a, b) => a.events - b.events);
  const byRow = new Map<string, { operation: string; points: [number, number][] }>();
  for (const s of sizes) {
    for (const row of s.rows) {
      if (!(row.op.medianMs > 0)) continue;
      const entry = byRow.get(row.id) ?? { operation: row.operation, points: [] };
      entry.points.push([s.events, row.op.medianMs]);
      byRow.set(row.id, entry);
    }
  }
  const lines = [...byRow.entries()].filter(([, line]) => line.points.length >= 2);
  const allMs = lines.flatMap(([, line]) => line.points.map((p) => p[1]));
  const allEvents = sizes.map((s) => s.events);
  const logMin = (values: number[]) => Math.floor(Math.log10(Math.min(...values)));
  const logMax = (values: number[]) => Math.ceil(Math.log10(Math.max(...values)));
  const [yLo, yHi] = allMs.length ? [logMin(allMs), Math.max(logMin(allMs) + 1, logMax(allMs))] : [0, 1];
  const [xLo, xHi] = allEvents.length ? [logMin(allEvents), Math.max(logMin(allEvents) + 1, logMax(allEvents))] : [0, 1];
  const xOfEvents = (n: number) => SIZE_LEFT + ((Math.log10(n) - xLo) / (xHi - xLo)) * SIZE_PLOT_W;
  const yOfMs = (ms: number) => SIZE_TOP + SIZE_PLOT_H - ((Math.log10(ms) - yLo) / (yHi - yLo)) * SIZE_PLOT_H;
  const grid: string[] = [];
  for (let p = yLo; p <= yHi; p++) {
    const y = yOfMs(10 ** p);
    grid.push(`<line x1="${SIZE_LEFT}" y1="${y}" x2="${SIZE_LEFT + SIZE_PLOT_W}" y2="${y}" stroke="#d0d7de"/><text x="${SIZE_LEFT - 6}" y="${y + 4}" text-anchor="end" class="axis">${(10 ** p).toLocaleString('en-US')} ms</text>`);
  }
  for (const s of sizes) {
    const x = xOfEvents(s.events);
    grid.push(`<line x1="${x}" y1="${SIZE_TOP}" x2="${x}" y2="${SIZE_TOP + SIZE_PLOT_H}" stroke="#d0d7de"/><text x="${x}" y="${SIZE_TOP + SIZE_PLOT_H + 16}" text-anchor="middle" class="axis">${escapeXml(s.size)} (${s.events.toLocaleString('en-US')} ev)</text>`);
  }
  const drawn = lines.map(([id, line], i) => {
    const colour = PALETTE[i % PALETTE.length];
    const points = line.points.map(([n, ms]) => `${xOfEvents(n).toFixed(1)},${yOfMs(ms).toFixed(1)}`);
    const dots = line.points.map(([n, ms]) => `<circle cx="${xOfEvents(n).toFixed(1)}" cy="${yOfMs(ms).toFixed(1)}" r="3" fill="${colour}"><title>${escapeXml(`${line.operation}: ${ms.toPrecision(3)} ms at ${n.toLocaleString('en-US')} events`)}</title></circle>`);
    const legendY = SIZE_TOP + i * 16;
    return [
      `<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="1.5"/>`,
      ...dots,
      `<rect x="${SIZE_LEFT + SIZE_PLOT_W + 16}" y="${legendY - 8}" width="10" height="10" fill="${colour}"/><text x="${SIZE_LEFT + SIZE_PLOT_W + 30}" y="${legendY + 1}">${escapeXml(shorten(`${id}: ${line.operation}`, 70))}</text>`,
    ].join('');
  });
  const width = SIZE_LEFT + SIZE_PLOT_W + 470;
  const height = Math.max(SIZE_TOP + SIZE_PLOT_H + 56, SIZE_TOP + lines.length * 16 + 20);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">
<style>.axis{fill:#57606a;font-size:11px} .title{font-size:14px;font-weight:600}</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="22" class="title">${escapeXml(title)}</text>
${grid.join('\n')}
${drawn.join('\n')}
<text x="12" y="${height - 12}" class="axis">Median time of each operation against store size (log-log); operations measured at one size only are left out.</text>
</svg>
`;
}
