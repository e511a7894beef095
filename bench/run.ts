// npm run bench [-- --size tiny|small|medium|default|large] [--runs N] [--only id,id] [--data DIR] [--out FILE]
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
import { ratioChart, sizeChart, type SizeSeries } from './lib/chart.ts';
import { startMartenDatabase, type MartenDatabase } from './lib/pgDataset.ts';
import { PG_ROW_IDS, PG_ROW_PREFIX, pgBenchRows } from './lib/pgRows.ts';
import { benchRows, type RowSpec } from './lib/rows.ts';
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
  /** The pg rows' database (generated for this run), or why those rows were skipped. */
  postgres: { events: number; streams: number; longStreamId: string; generateSeconds: number } | { skipped: string } | null;
  rows: RowResult[];
  table: string;
}

/**
 * Time against store size: this run's rows kept as size-<name>.json beside the results (merged
 * into what earlier runs of that size measured, row by row), and by-size.svg drawn from every size's file.
 */
function writeSizeChart(dir: string, report: BenchReport): void {
  const own = path.join(dir, `size-${report.size}.json`);
  let rows = report.rows;
  try {
    const earlier = JSON.parse(fs.readFileSync(own, 'utf8')) as SizeSeries;
    const fresh = new Set(rows.map((row) => row.id));
    rows = [...earlier.rows.filter((row) => !fresh.has(row.id)), ...rows];
  } catch {
    // the first run of this size
  }
  fs.writeFileSync(own, JSON.stringify({ size: report.size, events: report.dataset.events, rows } satisfies SizeSeries) + '\n');
  const series = fs
    .readdirSync(dir)
    .filter((name) => /^size-[\w-]+\.json$/.test(name))
    .flatMap((name) => {
      try {
        return [JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as SizeSeries];
      } catch {
        return [];
      }
    });
  fs.writeFileSync(path.join(dir, 'by-size.svg'), sizeChart(series, 'Replay Ledger bench: time against store size'));
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
  // --only names row ids; 'pg' stands for every pg row.
  const only = values.only ? new Set((values.only as string).split(',')) : null;
  const wanted = (id: string) => !only || only.has(id) || (only.has(PG_ROW_PREFIX) && PG_ROW_IDS.includes(id));
  // The SQLite datasets are built only when a SQLite row runs (a pg-only run needs none of them).
  if (benchRows(dataset, runs, dataDir).some((row) => wanted(row.id))) await ensureDataset(dataset);

  fs.mkdirSync(dataDir, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(dataDir, 'run-'));
  const results: RowResult[] = [];
  let database: MartenDatabase | null = null;
  let postgres: BenchReport['postgres'] = null;
  try {
    const rows: RowSpec[] = benchRows(dataset, runs, scratch).filter((row) => wanted(row.id));
    if (PG_ROW_IDS.some(wanted)) {
      const started = await startMartenDatabase(size, log);
      if ('skipped' in started) {
        log(`Skipping the PostgreSQL rows: ${started.skipped}`);
        postgres = { skipped: started.skipped };
      } else {
        database = started;
        postgres = { events: database.events, streams: database.streams, longStreamId: database.longStreamId, generateSeconds: database.generateMs / 1000 };
        rows.push(...pgBenchRows(database, size, scratch).filter((row) => wanted(row.id)));
      }
    }
    // Every row's processes load the sources from the compile cache (lib/child.ts): fill it first.
    if (!process.env.NODE_DISABLE_COMPILE_CACHE) await runMeasure('compileCache.warm', {});
    for (const row of rows) {
      if (row.skip) {
        log(`Skipping ${row.id} (${row.operation}): ${row.skip}`);
        continue;
      }
      log(`${row.operation} (${row.size})`);
      results.push(await measureRow(row, runs, log));
    }
  } finally {
    await database?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const table = formatTable(results);
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    size: size.name,
    runs,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    dataset: { ledgerFile: dataset.ledgerFile, emmettFile: dataset.emmettFile, events: dataset.totalEvents, longStreamId: dataset.longStreamId },
    postgres,
    rows: results,
    table,
  };
  const out = path.resolve(values.out as string);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  // The same ratios as a picture, beside the JSON (latest.json → latest.svg).
  fs.writeFileSync(out.replace(/\.json$/i, '') + '.svg', ratioChart(results, `Replay Ledger bench, ${size.name} size, ${runs} run${runs === 1 ? '' : 's'} each, ${report.startedAt.slice(0, 10)}`));
  writeSizeChart(path.dirname(out), report);
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
