// When the chain walk may leave rows out of the classifier (canSkip): only once its window holds
// nothing but rows that hashed in place right after the row before them, and only for a row that
// would be the in-place successor of the last arrival.
import { describe, expect, it } from 'vitest';
import { createChainClassifier, GENESIS_HEX, type ChainRow } from './chainClassifier.ts';
import { createFindingSink } from './findings.ts';

const hashOf = (position: number) => position.toString(16).padStart(64, '0');
/** A row stored at `position` that hashes (only) at `recordedAt`, linking to `prev`. */
const row = (position: number, prev: string, recordedAt = position): ChainRow => ({
  position,
  hash: hashOf(recordedAt),
  prev,
  hashAt: (at) => (at === recordedAt ? hashOf(recordedAt) : `bad-${at}`),
});
const inPlace = (position: number) => row(position, position === 1 ? GENESIS_HEX : hashOf(position - 1));

describe('chainClassifier canSkip', () => {
  const WINDOW = 4;

  it('allows a skip at the very start only for the genesis link at position 1', () => {
    const classifier = createChainClassifier(createFindingSink(), WINDOW);
    expect(classifier.canSkip(GENESIS_HEX, 1)).toBe(true);
    expect(classifier.canSkip(GENESIS_HEX, 2)).toBe(false);
    expect(classifier.canSkip(hashOf(7), 1)).toBe(false);
  });

  it('waits until the window and the row before it hold only in-place rows after a break', () => {
    const sink = createFindingSink();
    const classifier = createChainClassifier(sink, WINDOW);
    for (let p = 1; p <= 10; p++) classifier.add(inPlace(p));
    expect(classifier.canSkip(hashOf(10), 11)).toBe(true);
    expect(classifier.canSkip(hashOf(9), 11)).toBe(false); // not a link to the last arrival
    expect(classifier.canSkip(hashOf(10), 12)).toBe(false); // not the next position
    classifier.add(row(11, hashOf(10), 99)); // edited: hashes nowhere near its place
    for (let p = 12; p <= 11 + WINDOW + 1; p++) {
      classifier.add(row(p, hashOf(p - 1) === hashOf(11) ? hashOf(99) : hashOf(p - 1)));
      expect(classifier.canSkip(hashOf(p), p + 1)).toBe(false);
    }
    const next = 11 + WINDOW + 2;
    classifier.add(inPlace(next));
    expect(classifier.canSkip(hashOf(next), next + 1)).toBe(true);
  });

  it('a skipped stretch leaves the state the rows one by one leave: same findings after it', () => {
    const feedAll = createFindingSink();
    const skipping = createFindingSink();
    const a = createChainClassifier(feedAll, WINDOW);
    const b = createChainClassifier(skipping, WINDOW);
    for (let p = 1; p <= 100; p++) a.add(inPlace(p));
    // b: skip 1..90 (as a worker-proved range), resume at 90, feed the last WINDOW rows 91..94 … 100 like a.
    expect(b.canSkip(GENESIS_HEX, 1)).toBe(true);
    b.beginSkip();
    b.resumeAfter({ position: 90, hash: hashOf(90), prev: hashOf(89) });
    for (let p = 91; p <= 100; p++) b.add(inPlace(p));
    // Then the same breaks: 101 links back into the window (to 97), 102 is edited.
    for (const c of [a, b]) {
      c.add(row(101, hashOf(97), 98));
      c.add(row(102, hashOf(101), 500));
      c.finish();
    }
    expect(skipping.list).toEqual(feedAll.list);
    expect(feedAll.list.length).toBeGreaterThan(0);
  });
});
