import { describe, expect, it } from 'vitest';
import { ratioChart, sizeChart } from './chart.ts';
import type { BaselineResult, RowResult } from './measureRow.ts';

const contender = (label: string, medianMs: number) => ({ label, measure: 'm', samplesMs: [medianMs], medianMs, rate: null, peakRssMb: 100, details: [] });
const baseline = (label: string, ratio: number, targets: BaselineResult['targets'] = []): BaselineResult => ({ ...contender(label, 10), ratio, pairedRatio: ratio, targets });
const row = (operation: string, baselines: BaselineResult[], targets: RowResult['targets'] = []): RowResult => ({ id: operation, operation, size: 's', op: contender('op', 10), targets, baselines, met: true });

describe('the ratio chart', () => {
  const svg = ratioChart(
    [
      row('replay', [baseline('floor', 1.2, [{ target: '≤ 1.5×', met: true, spec: { kind: 'maxRatio', value: 1.5 } }]), baseline('Emmett', 0.18, [{ target: '≥ 5× faster', met: true, spec: { kind: 'maxRatio', value: 0.2 } }])]),
      row('export <all> & more', [baseline('raw "write"', 2.06, [{ target: '≤ 1.5×', met: false, spec: { kind: 'maxRatio', value: 1.5 } }])]),
      row('stateAt', [baseline('full fold', 0.000001)]),
      row('no baseline', []),
    ],
    'bench <test>',
  );

  it('draws one bar per baseline, coloured by its targets, with the ratio and the target tick', () => {
    const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="\d+" fill="(#[0-9a-f]+)">/g)];
    expect(bars).toHaveLength(4);
    expect(bars.map((b) => b[3])).toEqual(['#2da44e', '#2da44e', '#cf222e', '#8c959f']);
    for (const text of ['1.20×', '0.18×', '2.06×', '0.0000010×']) expect(svg).toContain(`>${text}</text>`);
    expect(svg.match(/<title>target ≤ /g)).toHaveLength(3);
  });

  it('puts 1× in the middle of its scale, faster to the left, and clamps what lies beyond', () => {
    const x = (i: number) => Number([...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)][i][1]);
    const width = (i: number) => Number([...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)][i][2]);
    const one = x(0); // the slower bar starts at 1×
    expect(x(1) + width(1)).toBeCloseTo(one, 5); // the faster one ends there
    expect(x(1)).toBeLessThan(one);
    expect(x(3)).toBe(560); // 1e-6 is drawn at the left edge (1/1000×)
  });

  it('escapes every text it was given', () => {
    expect(svg).toContain('bench &lt;test&gt;');
    expect(svg).toContain('export &lt;all&gt; &amp; more — vs raw &quot;write&quot;');
    expect(svg).not.toContain('<all>');
  });
});

describe('the size chart', () => {
  const at = (id: string, ms: number): RowResult => ({ ...row(id, []), op: contender('op', ms) });
  const svg = sizeChart(
    [
      { size: 'large', events: 10_100_000, rows: [at('histogram', 120), at('open', 20)] },
      { size: 'default', events: 1_100_000, rows: [at('histogram', 100), at('open', 18), at('only-here', 5)] },
    ],
    'by <size>',
  );

  it('draws a line per operation measured at two sizes or more, its points in size order', () => {
    const lines = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1].split(' ').map((p) => p.split(',').map(Number)));
    expect(lines).toHaveLength(2);
    for (const points of lines) expect(points[0][0]).toBeLessThan(points[1][0]);
    expect(svg).not.toContain('only-here');
    expect(svg).toContain('by &lt;size&gt;');
  });

  it('puts longer times higher up (log scale) and labels each size', () => {
    const [histogram] = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1].split(' ').map((p) => p.split(',').map(Number)));
    expect(histogram[1][1]).toBeLessThan(histogram[0][1]); // 120 ms drawn above 100 ms
    expect(svg).toContain('large (10,100,000 ev)');
    expect(svg).toContain('default (1,100,000 ev)');
  });
});
