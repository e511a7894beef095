// The import row (issue 13): `ledger import` of an NDJSON file of the bench's events (our export's
// line format, written once from the cached dataset and reused) into a new store, against a naive
// Python import of the same file (bench/baselines/naive_import.py). Only the import is timed;
// writing the input file is not. The store's size per event is reported beside the rate.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eventJson } from '../../src/main/export/eventFormats.ts';
import { importOnThread } from '../../src/main/import/workerImport.ts';
import { isoFromEpochMs } from '../../src/main/store/isoTime.ts';
import { BENCH_DIR } from '../lib/paths.ts';
import type { Measurement } from './types.ts';

export interface ImportParams {
  /** The cached dataset the input is written from. */
  source: string;
  /** The NDJSON input (written from `source` when missing). */
  input: string;
  /** The first `events` events of the dataset are the input. */
  events: number;
  /** The new store (removed after the run). */
  out: string;
}

export const NAIVE_IMPORT_SCRIPT = path.join(BENCH_DIR, 'baselines', 'naive_import.py');

/** Why the Python baseline cannot run here, or null when python3 with sqlite3 is on the PATH. */
export function pythonUnavailable(): string | null {
  const probe = spawnSync('python3', ['-c', 'import sqlite3, hashlib, json'], { stdio: 'ignore' });
  if (probe.error) return `python3 is not installed (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})`;
  if (probe.status !== 0) return 'python3 has no sqlite3 module';
  return null;
}

/** The input file: the dataset's first `events` events as our export writes them, one per line. */
export function ensureImportInput(p: Pick<ImportParams, 'source' | 'input' | 'events'>): void {
  if (fs.existsSync(p.input)) return;
  // Inputs written from other datasets (an older fingerprint) are stale: the dataset cache drops those.
  const dir = path.dirname(p.input);
  for (const name of fs.readdirSync(dir)) if (/^import-.*\.ndjson$/.test(name) && !fs.existsSync(path.join(dir, name.replace(/^import-/, '').replace(/-\d+\.ndjson$/, '.db')))) fs.rmSync(path.join(dir, name), { force: true });
  const temp = `${p.input}.${process.pid}.tmp`;
  const db = new Database(p.source, { readonly: true });
  const fd = fs.openSync(temp, 'w');
  try {
    const select = db
      .prepare('SELECT position, event_id, stream_id, version, type, recorded_at, data, metadata, lower(hex(hash)) FROM events WHERE position >= ? ORDER BY position LIMIT 5000')
      .raw(true);
    for (let from = 1; from <= p.events; ) {
      const rows = select.all(from) as [number, string, string, number, string, number, string, string, string][];
      if (rows.length === 0) break;
      let text = '';
      for (const r of rows) {
        if (r[0] > p.events) break;
        text += eventJson({ position: r[0], eventId: r[1], streamId: r[2], version: r[3], type: r[4], recordedAt: isoFromEpochMs(r[5]), dataText: r[6], metadataText: r[7], hash: r[8] }) + '\n';
      }
      fs.writeSync(fd, text);
      from = rows[rows.length - 1][0] + 1;
    }
  } finally {
    fs.closeSync(fd);
    db.close();
  }
  fs.renameSync(temp, p.input);
}

const removeStore = (out: string) => {
  for (const f of [out, `${out}-wal`, `${out}-shm`, `${out}.import-report.json`]) fs.rmSync(f, { force: true });
};

/** `ledger import` as the CLI and the app run it: importEvents on the import's own thread, into a new file. */
export async function importLedger(p: ImportParams): Promise<Measurement> {
  ensureImportInput(p);
  removeStore(p.out);
  try {
    const started = performance.now();
    const report = await importOnThread({ input: p.input, out: p.out });
    const ms = performance.now() - started;
    const storeBytes = fs.statSync(p.out).size;
    const inputBytes = fs.statSync(p.input).size;
    return {
      ms,
      units: report.events,
      details: { storeBytes, bytesPerEvent: Math.round(storeBytes / report.events), inputBytesPerEvent: Math.round(inputBytes / report.events) },
    };
  } finally {
    removeStore(p.out);
  }
}

/** The naive Python import of the same file (its interpreter's start-up, ~30 ms, included). */
export async function importPython(p: ImportParams): Promise<Measurement> {
  ensureImportInput(p);
  removeStore(p.out);
  try {
    const started = performance.now();
    const printed = await new Promise<string>((resolve, reject) => {
      const child = spawn('python3', [NAIVE_IMPORT_SCRIPT, p.input, p.out], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`naive_import.py failed (exit ${code}): ${stderr.trim()}`))));
    });
    const ms = performance.now() - started;
    const units = Number(printed.trim());
    const storeBytes = fs.statSync(p.out).size;
    return { ms, units, details: { storeBytes, bytesPerEvent: Math.round(storeBytes / units) } };
  } finally {
    removeStore(p.out);
  }
}
