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
