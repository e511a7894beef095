// npm run bench [-- --size small|default|tiny] [--runs N] [--only id,id] [--data DIR] [--out FILE]
// Measures the engine against raw floors and Emmett on a cached demo dataset, prints the table and
// writes it as JSON (bench/results/latest.json). Every measurement runs in its own child process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runMeasure } from './lib/child.ts';
import { datasetFor, staleFiles, type Dataset } from './lib/dataset.ts';
import { measureRow, type RowResult } from './lib/measureRow.ts';
import { DEFAULT_DATA_DIR, DEFAULT_RESULTS_FILE } from './lib/paths.ts';
import { formatTable } from './lib/report.ts';
import { benchRows } from './lib/rows.ts';
import { SIZES } from './lib/sizes.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function ensureDataset(dataset: Dataset): Promise<void> {
  fs.mkdirSync(path.dirname(dataset.ledgerFile), { recursive: true });
  const stale = staleFiles(dataset);
  if (!fs.existsSync(dataset.ledgerFile)) {
    for (const file of stale) fs.rmSync(file, { force: true });
    const { size } = dataset;
    log(`Generating the ${size.name} dataset (${dataset.totalEvents.toLocaleString('en-US')} events) into ${dataset.ledgerFile} …`);
    const built = await runMeasure('dataset.ledger', { out: dataset.ledgerFile, streams: size.streams, events: size.events, longEvents: size.longEvents, seed: size.seed });
    log(`  done in ${(built.ms / 1000).toFixed(1)} s`);
  }
  if (!fs.existsSync(dataset.emmettFile)) {
    log(`Copying the long stream into an Emmett store ${dataset.emmettFile} …`);
    const built = await runMeasure('dataset.emmett', { source: dataset.ledgerFile, out: dataset.emmettFile, streamId: dataset.longStreamId });
    log(`  done in ${(built.ms / 1000).toFixed(1)} s`);
  }
}

export interface BenchReport {
  startedAt: string;
  seconds: number;
  size: string;
  runs: number;
  machine: { cpus: number; model: string; memoryGb: number; node: string; platform: string };
  dataset: { ledgerFile: string; emmettFile: string; events: number; longStreamId: string };
  rows: RowResult[];
  table: string;
}

export async function runBench(argv: string[]): Promise<BenchReport> {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: 'default' },
      runs: { type: 'string', default: '5' },
      only: { type: 'string' },
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      out: { type: 'string', default: DEFAULT_RESULTS_FILE },
    },
  });
  const size = SIZES[values.size as string];
  if (!size) throw new Error(`Unknown size '${values.size}'; use ${Object.keys(SIZES).join(', ')}.`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got '${values.runs}'.`);

  const started = Date.now();
  const dataDir = path.resolve(values.data as string);
  const dataset = datasetFor(size, dataDir);
  await ensureDataset(dataset);

  const scratchDir = fs.mkdtempSync(path.join(dataDir, 'run-'));
  const results: RowResult[] = [];
  try {
    const only = values.only ? new Set((values.only as string).split(',')) : null;
    for (const row of benchRows(dataset, runs, scratchDir)) {
      if (only && !only.has(row.id)) continue;
      log(`${row.operation} (${row.size})`);
      results.push(await measureRow(row, runs, log));
    }
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }

  const table = formatTable(results);
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    size: size.name,
    runs,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    dataset: { ledgerFile: dataset.ledgerFile, emmettFile: dataset.emmettFile, events: dataset.totalEvents, longStreamId: dataset.longStreamId },
    rows: results,
    table,
  };
  const out = path.resolve(values.out as string);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  return report;
}

if (import.meta.main) {
  runBench(process.argv.slice(2)).then(
    (report) => {
      process.stdout.write(`\n${report.table}\n\n`);
      const missed = report.rows.filter((r) => !r.met).map((r) => r.id);
      process.stdout.write(
        `${report.size} size, ${report.runs} runs each, ${report.seconds.toFixed(0)} s. ${missed.length === 0 ? 'All targets met.' : `Missed: ${missed.join(', ')}.`}\n`,
      );
    },
    (error) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
