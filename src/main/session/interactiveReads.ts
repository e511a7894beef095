// The reads the screens make while someone waits (the timeline page, its plot and actors, the
// stream list, a stream's events) run under one AbortController per open store, so the UI's Cancel
// stops them all: `cancel()` aborts the controller (a database store cancels the backend queries,
// not just the promises; the callers get CANCELLED) and starts a fresh one for the next reads.
// Opening another store (or closing this one) cancels the old store's reads the same way.
// Long jobs (export, verify, snapshots) are not here: they have their own cancel (jobs/cancel).
import { CancelledError } from '../errors.ts';
import type { ReadOptions } from '../store/eventStore.ts';
import type { Session } from './session.ts';

export interface InteractiveReads {
  /**
   * Runs `read` with the current signal. When the reads are cancelled it rejects with CANCELLED
   * at once, even if `read` ignores the signal (a local SQLite read) or answers late.
   */
  run<T>(read: (options: ReadOptions) => Promise<T>, what?: string): Promise<T>;
  /** Aborts every read in flight; returns how many there were. Later reads run normally. */
  cancel(): { cancelled: number };
  /** Reads in flight now (tests, diagnostics). */
  inFlight(): number;
}

export function createInteractiveReads(session?: Pick<Session, 'onChange'>): InteractiveReads {
  let controller = new AbortController();
  let running = 0;

  function cancel(): { cancelled: number } {
    const cancelled = running;
    const old = controller;
    controller = new AbortController(); // reads started from here on are not affected
    old.abort();
    return { cancelled };
  }

  async function run<T>(read: (options: ReadOptions) => Promise<T>, what = 'The read'): Promise<T> {
    const { signal } = controller;
    running++;
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new CancelledError(what));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => {}); // observed by the race; never an unhandled rejection
    try {
      // The read itself turns the abort into CANCELLED too; the race covers reads that cannot stop.
      return await Promise.race([read({ signal }), aborted]);
    } catch (error) {
      if (signal.aborted) throw new CancelledError(what);
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
      running--;
    }
  }

  // The old store's reads must not keep its connections busy (or answer for the new store).
  session?.onChange(() => void cancel());

  return { run, cancel, inFlight: () => running };
}

const perSession = new WeakMap<object, InteractiveReads>();

/** The one InteractiveReads of `session` (the event and stream handlers share it). */
export function interactiveReadsOf(session: Session): InteractiveReads {
  let reads = perSession.get(session);
  if (!reads) {
    reads = createInteractiveReads(session);
    perSession.set(session, reads);
  }
  return reads;
}
