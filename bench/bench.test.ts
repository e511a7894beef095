// Smoke test of `npm run bench -- --size small` (what CI runs): every row end to end. It checks only
// that the run completes and its figures are sane (finite, positive, contenders agreeing on
// results), never timings: CI machines are too noisy for speed assertions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_ROW_IDS } from './lib/pgRows.ts';
import { SIZES, totalEvents } from './lib/sizes.ts';
import { runBench, type BenchReport } from './run.ts';
import { pythonUnavailable } from './measures/import.ts';

// The import row runs where python3 (with sqlite3) does: its baseline is a Python script.
/** Issue 13's timeline rows at scale (bench/lib/rows.ts timelineRows), between pagesBesideHistogram and stateAt. */
const TIMELINE_ROW_IDS = ['timelineOpen', 'hourCacheBuild', 'pagesBesideHourCount', 'histogramWhole', 'timelinePage-type', 'timelinePage-actor', 'timelinePage-time', 'timelinePage-typeAndTime', 'timelinePage-actorAndTime', 'timelineScroll', 'timelineScrollType', 'pagesBesideJobs', 'pagesBesideExport', 'pagesBesideVerify', 'browseRss'];
const SQLITE_ROW_IDS = ['append', ...(pythonUnavailable() ? [] : ['import']), 'pagesBesideImport', 'listStreams', 'pagesBesideHistogram', ...TIMELINE_ROW_IDS, 'stateAt', 'replay', 'sandbox', 'sandboxStateAt', 'diff', 'diffWarm', 'export', 'verify', 'verifyFull', 'stats', 'search-selective', 'search-structured', 'search-facets'];

const SIZE = SIZES.small;
const RUNS = 2;

describe('npm run bench -- --size small', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let report: BenchReport;

  it('runs every row and writes the JSON results', { timeout: 600_000 }, async () => {
    const out = path.join(dir, 'latest.json');
    report = await runBench(['--size', SIZE.name, '--runs', String(RUNS), '--data', path.join(dir, 'data'), '--out', out]);
    // The pg rows run on a throwaway PostgreSQL server; without one they are skipped, with the reason in the report.
    if (report.postgres && 'skipped' in report.postgres) console.warn(`bench smoke test: PostgreSQL rows skipped: ${report.postgres.skipped}`);
    const ROW_IDS = [...SQLITE_ROW_IDS, ...(report.postgres && 'events' in report.postgres ? PG_ROW_IDS : [])];
    expect(report.rows.map((r) => r.id)).toEqual(ROW_IDS);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).rows).toHaveLength(ROW_IDS.length);
    // The chart beside it: a bar for every operation's baseline.
    const svg = fs.readFileSync(path.join(dir, 'latest.svg'), 'utf8');
    expect(svg.match(/<rect x=/g)?.length).toBe(report.rows.reduce((n, row) => n + row.baselines.length, 0));
    expect(report.table.split('\n').length).toBeGreaterThan(ROW_IDS.length);
    // The scratch folder of the run is gone; only the cached dataset stays.
    expect(fs.readdirSync(path.join(dir, 'data')).filter((name) => name.startsWith('run-'))).toEqual([]);
  });

  it('reports finite medians, sane ratios and memory for every contender', () => {
    for (const row of report.rows) {
      for (const contender of [row.op, ...row.baselines]) {
        expect(contender.samplesMs, `${row.id} ${contender.label}`).toHaveLength(Math.min(RUNS, row.id === 'pgCopy' ? 3 : row.id === 'hourCacheBuild' ? 1 : RUNS));
        expect(Number.isFinite(contender.medianMs) && contender.medianMs > 0, `${row.id} ${contender.label} median`).toBe(true);
        expect(contender.peakRssMb, `${row.id} ${contender.label} RSS`).toBeGreaterThan(10);
        expect(contender.peakRssMb).toBeLessThan(4096);
      }
      for (const baseline of row.baselines) {
        expect(Number.isFinite(baseline.ratio), `${row.id} vs ${baseline.label}`).toBe(true);
        expect(baseline.ratio).toBeGreaterThan(0.001);
        expect(baseline.ratio).toBeLessThan(1000);
      }
      for (const target of [...row.targets, ...row.baselines.flatMap((b) => b.targets)]) expect(typeof target.met).toBe('boolean');
    }
  });

  it('measures the same work on every side', () => {
    const row = (id: string) => report.rows.find((r) => r.id === id)!;
    // Appends: every contender wrote every event of its slice.
    const append = row('append');
    const slice = Math.floor(Math.min(SIZE.appendEvents, totalEvents(SIZE)) / RUNS);
    for (const contender of [append.op, ...append.baselines]) expect(contender.details.map((d) => d.units)).toEqual(Array(RUNS).fill(slice));
    // Import: ours and the naive script imported every event of the same file.
    const imported = report.rows.find((r) => r.id === 'import');
    if (imported) for (const contender of [imported.op, ...imported.baselines]) expect(contender.details.map((d) => d.units)).toEqual(Array(RUNS).fill(SIZE.importEvents));
    // Replays: our fold and Emmett's fold of the same events end in the same state.
    const replay = row('replay');
    const emmett = replay.baselines.find((b) => b.measure === 'replay.emmett')!;
    expect(replay.op.details[0].state).toBe(emmett.details[0].state);
    expect(replay.op.details[0].units).toBe(SIZE.longEvents);
    // The user-module cart folds to the built-in's state, sandboxed or not, final state or every state.
    const sandbox = row('sandbox');
    expect(sandbox.op.details[0]).toMatchObject({ units: SIZE.longEvents, state: replay.op.details[0].state, keepStatesState: replay.op.details[0].state });
    expect(sandbox.baselines[0].details[0]).toMatchObject({ units: SIZE.longEvents, state: replay.op.details[0].state });
    // Export and floor wrote every event; verification found the chain intact.
    const exported = row('export');
    expect(exported.op.details[0].units).toBe(totalEvents(SIZE));
    expect(exported.baselines[0].details[0].units).toBe(totalEvents(SIZE));
    // The export on the worker and on the calling thread wrote the same file.
    expect(exported.baselines[1].details[0]).toMatchObject({ units: totalEvents(SIZE), bytes: exported.op.details[0].bytes, sha256: exported.op.details[0].sha256 });
    const verify = row('verify');
    expect(verify.baselines[0].details[0].mismatches).toBe(0);
    expect(verify.op.details[0].report).toMatchObject({ ok: true, findings: 0, integrityRan: false, eventsChecked: verify.op.details[0].units });
    expect(row('verifyFull').op.details[0].report).toMatchObject({ ok: true, findings: 0, integrityRan: true });
    // Search: the selective query and its LIKE floor found the same one event; the structured one about 50.
    const search = row('search-selective');
    expect(search.op.details[0].total).toBe(1);
    expect(search.baselines[0].details[0].total).toBe(1);
    expect(row('search-structured').op.details[0].total as number).toBeGreaterThanOrEqual(50);
    expect(row('search-facets').op.details[0].total as number).toBeGreaterThan(0);
    // The timeline: the hour cache counted every event, the histogram from it and the scan agree on
    // the total, and a page from a time is the same page with the zone map as without it.
    expect(row('hourCacheBuild').op.details[0].counted).toBe(totalEvents(SIZE));
    const histogram = row('histogramWhole');
    expect(histogram.op.details[0].total).toBe(totalEvents(SIZE));
    expect(histogram.baselines[0].details[0].total).toBe(totalEvents(SIZE));
    for (const id of ['timelinePage-time', 'timelinePage-typeAndTime', 'timelinePage-actorAndTime']) {
      const page = row(id);
      const before = page.baselines.find((b) => b.label.includes('without the hour cache'))!;
      if (id === 'timelinePage-time') expect(page.op.details[0].items as number).toBeGreaterThan(0);
      expect([page.op.details[0].firstPosition, page.op.details[0].items]).toEqual([before.details[0].firstPosition, before.details[0].items]);
    }
    // The cold diff attributes changes to events.
    expect(row('diff').op.details[0].changes as number).toBeGreaterThan(0);
    if (!report.postgres || !('events' in report.postgres)) return;
    // PostgreSQL: the replay and the full fold applied the whole long stream, the floor read it all;
    // export and copy moved every event, and the copy holds them all.
    const pgReplay = row('pgReplay');
    expect(pgReplay.op.details[0].units).toBe(SIZE.marten.longEvents);
    expect(pgReplay.baselines[0].details[0].units).toBe(SIZE.marten.longEvents);
    expect(row('pgStateAt').baselines[0].details[0].units).toBe(SIZE.marten.longEvents);
    expect(row('pgListStreams').op.details[0]).toMatchObject({ items: 300, more: true });
    const pgExport = row('pgExport');
    expect(pgExport.op.details.map((d) => d.units)).toEqual(Array(RUNS).fill(SIZE.marten.events));
    expect(pgExport.baselines[0].details[0].units).toBe(SIZE.marten.events);
    const copy = row('pgCopy').op.details[0];
    expect(copy.units).toBe(SIZE.marten.events);
    expect(copy.chainHead).toMatch(/^[0-9a-f]{64}$/);
    // The same source copies to the same chain (ids, times and order all come from the source).
    expect(new Set(row('pgCopy').op.details.map((d) => d.chainHead)).size).toBe(1);
  });
});
