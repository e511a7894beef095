// The parallel chain walk (hashing workers over position ranges) must say exactly what the
// sequential walk says: same findings in the same order, same counts, same positions, on clean and
// on damaged stores, including breaks that fall on the join of two ranges.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/verify.ts';
import { openStore } from '../store/openStore.ts';
import { TAMPER_CASES, changeOneByte, deleteEvent, replaceEventAndPatchNext, setColumn, swapEvents } from '../testing/tamper.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { positionRanges } from './parallelChain.ts';
import { verify } from './verify.ts';

const T0 = Date.parse('2026-02-01T09:00:00Z');

function writeStore(file: string, events: number): string {
  const store = openStore(file, { readonly: false, create: true });
  for (let i = 0; i < events; i++) {
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
