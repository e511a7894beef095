// The results table as printed, and the JSON written beside it.
import type { RowResult } from './measureRow.ts';

const ms = (value: number) => (value >= 100 ? `${Math.round(value).toLocaleString('en-US')} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`);
const rate = (value: number | null) => (value === null ? '' : ` (${Math.round(value / 1000).toLocaleString('en-US')}k ev/s)`);
const mb = (value: number) => `${Math.round(value)} MB`;

interface Line {
  operation: string;
  size: string;
  median: string;
  baseline: string;
  baselineMedian: string;
  ratio: string;
  target: string;
  result: string;
  rss: string;
}

const HEADER: Line = {
  operation: 'operation',
  size: 'size',
  median: 'median',
  baseline: 'baseline',
  baselineMedian: 'baseline median',
  ratio: 'ratio',
  target: 'target',
  result: 'result',
  rss: 'peak RSS (op / base)',
};

const verdict = (targets: { met: boolean }[]) => (targets.length === 0 ? '—' : targets.every((t) => t.met) ? 'pass' : 'MISS');

function linesOf(row: RowResult): Line[] {
  const first = {
    operation: row.operation,
    size: row.size,
    median: ms(row.op.medianMs) + rate(row.op.rate),
  };
  if (row.baselines.length === 0) {
    return [{ ...first, baseline: '—', baselineMedian: '', ratio: '', target: row.targets.map((t) => t.target).join(', '), result: verdict(row.targets), rss: mb(row.op.peakRssMb) }];
  }
  return row.baselines.map((b, i) => {
    const targets = [...(i === 0 ? row.targets : []), ...b.targets];
    return {
      ...(i === 0 ? first : { operation: '', size: '', median: '' }),
      baseline: b.label,
      baselineMedian: ms(b.medianMs) + rate(b.rate),
      ratio: `${b.ratio >= 0.1 ? b.ratio.toFixed(2) : b.ratio.toPrecision(2)}×`,
      target: targets.map((t) => t.target).join(', ') || '—',
      result: verdict(targets),
      rss: `${mb(row.op.peakRssMb)} / ${mb(b.peakRssMb)}`,
    };
  });
}

export function formatTable(rows: RowResult[]): string {
  const lines = [HEADER, ...rows.flatMap(linesOf)];
  const keys = Object.keys(HEADER) as (keyof Line)[];
  const widths = keys.map((k) => Math.max(...lines.map((l) => l[k].length)));
  const render = (l: Line) => `| ${keys.map((k, i) => l[k].padEnd(widths[i])).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [render(lines[0]), rule, ...lines.slice(1).map(render)].join('\n');
}
