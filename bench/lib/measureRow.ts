// Runs one table row: its operation and baselines interleaved run by run (op, baseline 1, baseline
// 2, op, ...), each in a fresh child process, so machine noise falls on all contenders alike.
import fs from 'node:fs';
import { runMeasure, type ChildResult } from './child.ts';
import type { Contender, RowSpec } from './rows.ts';
import { median } from './stats.ts';
import { targetMet, targetText, type Figures, type Target } from './targets.ts';

export interface ContenderResult {
  label: string;
  measure: string;
  samplesMs: number[];
  medianMs: number;
  /** Events per second of the median run (rows with units only). */
  rate: number | null;
  peakRssMb: number;
  details: Record<string, unknown>[];
}

export interface TargetResult {
  target: string;
  met: boolean;
  /** The target itself (the chart draws ratio targets). */
  spec?: Target;
}

export interface BaselineResult extends ContenderResult {
  /** median(op) / median(baseline). */
  ratio: number;
  /** Median of run-by-run ratios (runs are interleaved, so each pair saw the same machine state). */
  pairedRatio: number;
  targets: TargetResult[];
}

export interface RowResult {
  id: string;
  operation: string;
  size: string;
  op: ContenderResult;
  targets: TargetResult[];
  baselines: BaselineResult[];
  met: boolean;
}

function summarize(contender: Contender, samples: ChildResult[]): ContenderResult {
  const samplesMs = samples.map((s) => s.ms);
  const rates = samples.filter((s) => s.units !== undefined && s.ms > 0).map((s) => (s.units as number) / (s.ms / 1000));
  return {
    label: contender.label,
    measure: contender.measure,
    samplesMs,
    medianMs: median(samplesMs),
    rate: rates.length === samples.length && rates.length > 0 ? median(rates) : null,
    peakRssMb: Math.max(...samples.map((s) => s.peakRssMb)),
    details: samples.map((s) => ({ ms: s.ms, units: s.units, peakRssMb: s.peakRssMb, ...s.details })),
  };
}

const check = (targets: Target[], figures: Figures): TargetResult[] => targets.map((t) => ({ target: targetText(t), met: targetMet(t, figures), spec: t }));

export async function measureRow(row: RowSpec, requestedRuns: number, log: (line: string) => void): Promise<RowResult> {
  const runs = Math.min(requestedRuns, row.maxRuns ?? requestedRuns);
  for (const file of row.scratch ?? []) fs.rmSync(file, { force: true });
  const contenders: Contender[] = [row.op, ...row.baselines];
  const samples: ChildResult[][] = contenders.map(() => []);
  for (let run = 0; run < runs; run++) {
    for (const [i, contender] of contenders.entries()) {
      const result = await runMeasure(contender.measure, contender.params(run));
      samples[i].push(result);
      log(`  ${row.id} run ${run + 1}/${runs} ${contender.label}: ${result.ms.toFixed(1)} ms, peak RSS ${Math.round(result.peakRssMb)} MB`);
    }
  }
  for (const file of row.scratch ?? []) fs.rmSync(file, { force: true });

  const op = summarize(row.op, samples[0]);
  const opFigures: Figures = { ms: op.medianMs, rate: op.rate, ratio: null, peakRssMb: op.peakRssMb };
  const baselines = row.baselines.map((baseline, b): BaselineResult => {
    const result = summarize(baseline, samples[b + 1]);
    const ratio = op.medianMs / result.medianMs;
    const pairedRatio = median(samples[0].map((s, run) => s.ms / samples[b + 1][run].ms));
    return { ...result, ratio, pairedRatio, targets: check(baseline.targets, { ...opFigures, ratio }) };
  });
  const targets = check(row.targets, opFigures);
  const met = [...targets, ...baselines.flatMap((b) => b.targets)].every((t) => t.met);
  return { id: row.id, operation: row.operation, size: row.size, op, targets, baselines, met };
}
