import { describe, expect, it } from 'vitest';
import type { OpenedStore } from '../../shared/contract.ts';
import type { ReadOptions } from '../store/eventStore.ts';
import { createInteractiveReads } from './interactiveReads.ts';

/** A read that settles only when told, or rejects when its signal aborts (as the PG reader does). */
function pendingRead<T>(value: T, honoursSignal = true) {
  let resolve: (v: T) => void = () => {};
  let seen: AbortSignal | undefined;
  const read = (options: ReadOptions) =>
    new Promise<T>((res, rej) => {
      seen = options.signal;
      resolve = res;
      if (honoursSignal) options.signal?.addEventListener('abort', () => rej(new Error('aborted by the server')));
    });
  return { read, finish: () => resolve(value), signal: () => seen };
}

describe('interactive reads', () => {
  it('hands every read a signal that cancel() aborts, and answers CANCELLED', async () => {
    const reads = createInteractiveReads();
    const a = pendingRead('a');
    const b = pendingRead('b');
    const first = reads.run(a.read, 'Reading the log');
    const second = reads.run(b.read);
    expect(a.signal()).toBeInstanceOf(AbortSignal);
    expect(a.signal()?.aborted).toBe(false);
    expect(reads.inFlight()).toBe(2);
    expect(reads.cancel()).toEqual({ cancelled: 2 });
    await expect(first).rejects.toMatchObject({ code: 'CANCELLED', message: 'Reading the log was cancelled.' });
    await expect(second).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(a.signal()?.aborted).toBe(true);
    expect(reads.inFlight()).toBe(0);
  });

  it('answers CANCELLED at once even for a read that ignores its signal, and drops its late answer', async () => {
    const reads = createInteractiveReads();
    const slow = pendingRead('late', false);
    const running = reads.run(slow.read);
    reads.cancel();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    slow.finish(); // settles after the cancel: nobody sees it
  });

  it('starts a fresh signal after a cancel: later reads run normally', async () => {
    const reads = createInteractiveReads();
    const before = pendingRead(1);
    const cancelled = reads.run(before.read);
    reads.cancel();
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    const after = pendingRead(2);
    const running = reads.run(after.read);
    expect(after.signal()).not.toBe(before.signal());
    expect(after.signal()?.aborted).toBe(false);
    after.finish();
    await expect(running).resolves.toBe(2);
    expect(reads.cancel()).toEqual({ cancelled: 0 });
  });

  it('passes results and errors of reads that were not cancelled through unchanged', async () => {
    const reads = createInteractiveReads();
    await expect(reads.run(async () => ({ items: [1] }))).resolves.toEqual({ items: [1] });
    const failure = Object.assign(new Error('There is no stream'), { code: 'NOT_FOUND' });
    await expect(reads.run(async () => Promise.reject(failure))).rejects.toBe(failure);
  });

  it('cancels the reads of the old store when another store is opened (or the store closed)', async () => {
    let changed: (store: OpenedStore | null) => void = () => {};
    const reads = createInteractiveReads({
      onChange: (listener) => {
        changed = listener;
        return () => {};
      },
    });
    const old = pendingRead('old', false);
    const running = reads.run(old.read);
    changed({ openId: 2 } as OpenedStore);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(reads.run(async () => 'new')).resolves.toBe('new');
  });
});
