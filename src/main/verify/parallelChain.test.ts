// The parallel chain walk (hashing workers over position ranges) must say exactly what the
// sequential walk says: same findings in the same order, same counts, same positions, on clean and
// on damaged stores, including breaks that fall on the join of two ranges.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/verify.ts';
import { openStore } from '../store/openStore.ts';
import { TAMPER_CASES, changeOneByte, deleteEvent, insertForgedEvent, moveEvent, replaceEvent, replaceEventAndPatchNext, rewriteChainFrom, setColumn, swapEvents } from '../testing/tamper.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { positionRanges } from './parallelChain.ts';
import { verify } from './verify.ts';

const T0 = Date.parse('2026-02-01T09:00:00Z');
/** Chain heads noted while writing (after that many events). */
const heads = new Map<number, string>();

function writeStore(file: string, events: number, headsAt: number[] = []): string {
  const store = openStore(file, { readonly: false, create: true });
  for (let i = 0; i < events; i++) {
    if (headsAt.includes(i)) heads.set(i, store.stats().chainHead as string);
    store.append(`account-${i % 3}`, [
      {
        type: i % 4 === 0 ? 'FundsWithdrawn' : 'FundsDeposited',
        data: { amount: 100 + i, note: i === 14 ? `payment \uFFFD ${i}` : `payment ${i}` },
        metadata: { actor: `user-${i % 5}`, correlationId: `corr-${i}`, ...(i > 0 ? { causationId: `corr-${i - 1}` } : {}) },
        recordedAt: T0 + i * 60_000,
      },
    ]);
  }
  const head = store.stats().chainHead as string;
  store.close();
  return head;
}

/** What must not differ between the two walks (timings and the start time may). */
const comparable = (report: VerifyReport) => {
  const { durationMs: _d, startedAt: _s, ...rest } = report;
  return rest;
};

async function bothWalks(file: string, rangeRows: number, expectHead?: string) {
  const sequential = await verify(file, { chainWorkers: 0, integrityCheck: 'skip', ...(expectHead ? { expectHead } : {}) });
  let fromWorkers = 0;
  const parallel = await verify(file, {
    chainWorkers: 2,
    chainRangeRows: rangeRows,
    integrityCheck: 'skip',
    onChainWalk: (walk) => (fromWorkers = walk.rangesFromWorkers),
    ...(expectHead ? { expectHead } : {}),
  });
  // The workers really answered (a walk that fell back everywhere would agree trivially).
  expect(fromWorkers).toBeGreaterThan(0);
  return { sequential, parallel };
}

describe('positionRanges', () => {
  it('covers every position once, the first range from below any position', () => {
    expect(positionRanges(1, 10, 4)).toEqual([
      { after: Number.MIN_SAFE_INTEGER, upTo: 4 },
      { after: 4, upTo: 8 },
      { after: 8, upTo: 10 },
    ]);
    expect(positionRanges(5, 5, 100)).toEqual([{ after: Number.MIN_SAFE_INTEGER, upTo: 5 }]);
  });
});

describe('the parallel chain walk finds what the sequential walk finds', () => {
  const dir = tempDir('verify-parallel');
  const clean = path.join(dir, 'clean.db');
  let head: string;
  beforeAll(() => {
    head = writeStore(clean, 30);
  });

  const copy = (name: string) => {
    const file = path.join(dir, `${name}.db`);
    fs.copyFileSync(clean, file);
    return file;
  };

  it('a clean store: no finding, every event checked, the same head', async () => {
    const { sequential, parallel } = await bothWalks(clean, 7, head);
    expect(parallel.ok).toBe(true);
    expect(parallel.eventsChecked).toBe(30);
    expect(comparable(parallel)).toEqual(comparable(sequential));
  });

  for (const tamper of TAMPER_CASES) {
    it(`the tamper matrix: ${tamper.name}`, async () => {
      const file = copy(`matrix-${tamper.name.replace(/\W+/g, '-')}`);
      tamper.apply(file);
      // Ranges of 5: positions 5|6, 10|11, 15|16 … are joins, so several cases fall on one.
      const { sequential, parallel } = await bothWalks(file, 5, tamper.needsExpectedHead ? head : undefined);
      expect(sequential.findings.length).toBeGreaterThan(0);
      expect(comparable(parallel)).toEqual(comparable(sequential));
    });
  }

  // Each break put exactly on a range join (ranges of 10: 1–10, 11–20, 21–30).
  const atJoins: { name: string; apply: (file: string) => void }[] = [
    { name: 'an edited byte in the last row of a range', apply: (f) => changeOneByte(f, 10, 'data') },
    { name: 'an edited byte in the first row of a range', apply: (f) => changeOneByte(f, 11, 'metadata') },
    { name: 'the last row of a range deleted', apply: (f) => deleteEvent(f, 20) },
    { name: 'the first row of a range deleted', apply: (f) => deleteEvent(f, 21) },
    { name: 'two rows swapped across a join', apply: (f) => swapEvents(f, 10, 11) },
    { name: 'a broken link at a join (row replaced, the next link patched)', apply: (f) => replaceEventAndPatchNext(f, 20) },
    { name: 'a derived column edited at a join', apply: (f) => setColumn(f, 21, 'actor', 'mallory') },
    {
      name: 'several breaks in several ranges',
      apply: (f) => {
        changeOneByte(f, 3, 'data');
        deleteEvent(f, 10);
        swapEvents(f, 25, 26);
        setColumn(f, 28, 'correlation_id', 'forged');
      },
    },
  ];
  for (const tamper of atJoins) {
    it(`at a range join: ${tamper.name}`, async () => {
      const file = copy(`join-${tamper.name.replace(/\W+/g, '-')}`);
      tamper.apply(file);
      const { sequential, parallel } = await bothWalks(file, 10);
      expect(sequential.ok).toBe(false);
      expect(comparable(parallel)).toEqual(comparable(sequential));
    });
  }

  it('checks a range itself when its worker cannot help (a range of one row per worker task still agrees)', async () => {
    const file = copy('tiny-ranges');
    swapEvents(file, 12, 13);
    deleteEvent(file, 25);
    const { sequential, parallel } = await bothWalks(file, 1);
    expect(comparable(parallel)).toEqual(comparable(sequential));
  });
});

// Ranges a worker proved clean and linked are left out of the classifier (chainClassifier canSkip):
// with a window of 8 and ranges of 20, most of a 300-event store is skipped, so every break below
// lies inside, at the edge of, or just after a skipped stretch, and the reports must still agree.
describe('the parallel walk that skips clean linked ranges finds what the sequential walk finds', () => {
  const dir = tempDir('verify-skip');
  const clean = path.join(dir, 'clean.db');
  let head: string;
  beforeAll(() => {
    head = writeStore(clean, 300, [120]);
  });
  const copy = (name: string) => {
    const file = path.join(dir, `${name}.db`);
    fs.copyFileSync(clean, file);
    return file;
  };
  const WINDOW = 8;

  async function bothWithSkips(file: string, expectHead?: VerifyOptionsHead) {
    const sequential = await verify(file, { chainWorkers: 0, chainWindow: WINDOW, integrityCheck: 'skip', ...(expectHead ? { expectHead } : {}) });
    let skipped = 0;
    const parallel = await verify(file, {
      chainWorkers: 2,
      chainRangeRows: 20,
      chainWindow: WINDOW,
      integrityCheck: 'skip',
      onChainWalk: (walk) => (skipped = walk.rowsSkipped),
      ...(expectHead ? { expectHead } : {}),
    });
    expect(comparable(parallel)).toEqual(comparable(sequential));
    // Rows really were skipped (a walk that fed every row would agree trivially).
    expect(skipped).toBeGreaterThan(100);
    return { sequential, parallel };
  }

  it('a clean store, with the recorded head, an expected head and its position inside skipped ranges', async () => {
    const { parallel } = await bothWithSkips(clean, head);
    expect(parallel).toMatchObject({ ok: true, eventsChecked: 300, chainHead: head });
    const earlier = heads.get(120) as string;
    const { parallel: atPosition } = await bothWithSkips(clean, { hash: earlier, position: 120 });
    expect(atPosition.expectedHead).toMatchObject({ foundAt: 120, appendedSince: 180 });
    const { parallel: elsewhere } = await bothWithSkips(clean, { hash: earlier, position: 150 });
    expect(elsewhere.ok).toBe(false);
  });

  const breaks: { name: string; apply: (file: string) => string | void; expectHead?: boolean }[] = [
    { name: 'an edited byte mid-range', apply: (f) => changeOneByte(f, 150, 'data') },
    { name: 'an edited byte in the first row of a range', apply: (f) => changeOneByte(f, 161, 'metadata') },
    { name: 'an edited byte in the last row', apply: (f) => changeOneByte(f, 300, 'data') },
    { name: 'an event deleted mid-range', apply: (f) => deleteEvent(f, 150) },
    { name: 'the last row of a range deleted', apply: (f) => deleteEvent(f, 160) },
    { name: 'the first event deleted', apply: (f) => deleteEvent(f, 1) },
    { name: 'two events swapped mid-range', apply: (f) => swapEvents(f, 150, 151) },
    { name: 'two events swapped across a join', apply: (f) => swapEvents(f, 160, 161) },
    { name: 'an event moved to the end, farther than the window', apply: (f) => moveEvent(f, 100, 301) },
    { name: 'a forged event inserted', apply: (f) => insertForgedEvent(f, 150) },
    { name: 'an event replaced, its hash recomputed', apply: (f) => replaceEvent(f, 150) },
    { name: 'an event replaced and the next link patched', apply: (f) => replaceEventAndPatchNext(f, 150) },
    { name: 'a derived column edited', apply: (f) => setColumn(f, 150, 'actor', 'mallory') },
    { name: 'the chain rewritten from the middle', apply: (f) => rewriteChainFrom(f, 150), expectHead: true },
    {
      name: 'breaks far apart (skipping resumes between them)',
      apply: (f) => {
        changeOneByte(f, 30, 'data');
        swapEvents(f, 150, 151);
        deleteEvent(f, 260);
      },
    },
  ];
  for (const tamper of breaks) {
    it(tamper.name, async () => {
      const file = copy(tamper.name.replace(/\W+/g, '-'));
      tamper.apply(file);
      const { sequential } = await bothWithSkips(file, tamper.expectHead ? head : undefined);
      expect(sequential.ok).toBe(false);
    });
  }
});

type VerifyOptionsHead = string | { hash: string; position?: number | null };
