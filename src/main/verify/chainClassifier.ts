// Classifies breaks in the hash chain. Rows arrive in position order; each is a node whose stored
// prev_hash should name the stored hash of the row before it, and whose hash should recompute from
// its own fields at its own position. When that fails, the graph of links tells what happened:
//
//   content does not recompute at any plausible position  → edited (with the row before it as a
//                                                             suspect when the link to it holds)
//   a row links to a hash no stored row has (dangling)     → deleted (the rows between it and the
//                                                             last row nothing links to)
//   no row links to a row, and the chain goes around it   → inserted
//   a row recomputes only at another position              → reordered (moved, swapped, renumbered)
//   a self-consistent row that its successor does not link → edited (replaced, hash recomputed)
//
// Renumbering after an insertion or deletion (positions shifted to hide the gap) is folded into that
// finding instead of being reported row by row. Links are resolved within a sliding window of
// CHAIN_WINDOW rows, so memory stays flat. A single event moved later is one move finding at the
// place it left: within the window from its links, beyond it because its hash is the one a reported
// deletion left missing (and ledger_head's hash links the old last event, so it is no insertion).
import { words } from '../../shared/errorWords/index.ts';
import type { VerifyFinding } from '../../shared/verify.ts';
import type { FindingSink } from './findings.ts';
import { said, sentenceOf } from './said.ts';

export const CHAIN_WINDOW = 4096;
export const GENESIS_HEX = '0'.repeat(64);

export interface ChainRow {
  position: number;
  /** Stored hash and prev_hash as hex ('' when missing or not a blob). */
  hash: string;
  prev: string;
  /** Hex hash of this row's fields with its stored prev_hash, as if recorded at `position`. */
  hashAt(position: number): string;
}

interface Node {
  pos: number;
  hash: string;
  prev: string;
  /** The position the chain recorded this row at (assumed = pos when edited). */
  orig: number;
  edited: boolean;
  recomputed: string | null;
  predFound: boolean;
  referenced: boolean;
  /** Its dangling link is already attributed to a deletion or replacement. */
  explained: boolean;
  pairedWith: VerifyFinding | null;
  /** Kept while its recorded position is unknown, to retry once its chain predecessor arrives. */
  row: ChainRow | null;
  /** Position of the row just before it when its prev_hash links there (null otherwise). */
  linkedFrom: number | null;
  /** Found again far from where it was recorded (already reported as a move). */
  movedFar: boolean;
}

/** Deleted hashes remembered to recognise a far move: bounded so memory stays flat. */
const MAX_MISSING = 1024;

/** Unresolved rows kept for a retry (their text is held): bounded so memory stays flat. */
const MAX_RETAINED = 64;

interface Run {
  finding: VerifyFinding;
  shift: number | null;
  end: number;
}

/** A row the walk skipped (skipLinked): its stored hash and prev_hash, both hex. */
export interface SkippedRow {
  position: number;
  hash: string;
  prev: string;
}

export interface ChainClassifier {
  add(row: ChainRow): void;
  /**
   * Whether a run of rows may bypass add() (see beginSkip): true when the window holds only rows
   * that hashed at their own place right after the row before them (and so did the row before the
   * oldest), no row waits for a later one, and a row linking to `prev` at `position` would be the
   * in-place successor of the last arrival. (Two stored rows with one hash, or a row hashing at
   * two positions, would take a sha256 collision: the argument the whole chain rests on.)
   */
  canSkip(prev: string, position: number): boolean;
  /**
   * Starts a skip: the rows still in the window are classified now (each is in place and linked
   * both ways, so none says anything). The walk then leaves out rows that each hash at their own
   * position and link to the one before (proved by a hashing worker), and calls resumeAfter.
   */
  beginSkip(): void;
  /**
   * Ends a skip: `last` becomes the last arrival, as if every skipped row had been added. Fed the
   * CHAIN_WINDOW rows after it through add(), the classifier is then in exactly the state the rows
   * one by one would have left it in (the window: those rows; each classified row: no finding).
   */
  resumeAfter(last: SkippedRow): void;
  /** Classifies the rows still in the window; call once after the last row. */
  finish(): void;
  /** Lowest position any chain finding points at (null when none). */
  firstBadPosition(): number | null;
  /** How many events reported as moved now stand after `position` (so they are no additions). */
  movedAfter(position: number): number;
}

/** recordedHead: ledger_head's hash, the successor link of the last recorded event (so it is no insertion). */
export function createChainClassifier(sink: FindingSink, window = CHAIN_WINDOW, recordedHead: string | null = null): ChainClassifier {
  const byHash = new Map<string, Node>();
  const byPrev = new Map<string, Node>();
  const queue: Node[] = [];
  let head = 0;
  let lastArrived: Node | null = null;
  let lastFinal: Node | null = null;
  let lastFinding: VerifyFinding | null = null;
  let run: Run | null = null;
  let firstBad: number | null = null;
  let retained = 0;
  // Hashes of single events reported deleted, with their finding: a row arriving later with that
  // hash, recomputing at the missing position, was moved there, not deleted and re-inserted.
  const missing = new Map<string, { position: number; finding: VerifyFinding }>();
  /** Positions events were moved to (bounded like `missing`). */
  const movedTo: number[] = [];
  /** Arrivals since the last one that was not the in-place successor of the one before (canSkip). */
  let inPlace = 0;
  let arrivals = 0;

  const emit = (finding: VerifyFinding): VerifyFinding | null => {
    if (finding.position !== null) firstBad = firstBad === null ? finding.position : Math.min(firstBad, finding.position);
    lastFinding = sink.add(finding);
    return lastFinding;
  };

  function arrive(row: ChainRow): void {
    arrivals++;
    const streak = inPlace;
    inPlace = 0;
    if (row.hash && movedFromFar(row)) return;
    const pred = row.prev === GENESIS_HEX ? 'genesis' : byHash.get(row.prev);
    const earlier = row.hash ? byPrev.get(row.hash) : undefined;
    const node: Node = {
      pos: row.position,
      hash: row.hash,
      prev: row.prev,
      orig: row.position,
      edited: false,
      recomputed: null,
      predFound: pred !== undefined,
      referenced: earlier !== undefined || (recordedHead !== null && row.hash === recordedHead),
      explained: false,
      pairedWith: null,
      row: null,
      linkedFrom: pred && pred !== 'genesis' && pred === lastArrived ? pred.pos : null,
      movedFar: false,
    };
    if (pred && pred !== 'genesis') pred.referenced = true;
    if (earlier) earlier.predFound = true;

    // Where did the chain record this row? The common case first: in place, right after the row
    // before it. Else right after its chain predecessor; else in place; else shifted like the row
    // before it; else one step either way (a swap).
    if (pred !== undefined && (pred === 'genesis' ? row.position === 1 : pred === lastArrived && pred.orig === row.position - 1)) {
      const hash = row.hashAt(row.position);
      if (row.hash !== '' && hash === row.hash) {
        if (earlier?.row) resolveLater(earlier, node);
        register(row, node);
        // In place and in order; a row before it linking to it (earlier) is out of order.
        if (!earlier) inPlace = streak + 1;
        return;
      }
    }
    const candidates: number[] = [];
    if (pred === 'genesis') candidates.push(1);
    else if (pred) candidates.push(pred.orig + 1);
    if (earlier) candidates.push(earlier.orig - 1);
    candidates.push(row.position);
    if (lastArrived) candidates.push(row.position - (lastArrived.pos - lastArrived.orig));
    candidates.push(row.position + 1, row.position - 1);
    const tried = new Set<number>();
    let found: number | null = null;
    for (const candidate of candidates) {
      if (candidate < 1 || tried.has(candidate)) continue;
      tried.add(candidate);
      const hash = row.hashAt(candidate);
      if (candidate === row.position) node.recomputed = hash;
      if (row.hash !== '' && hash === row.hash) {
        found = candidate;
        break;
      }
    }
    if (found === null) {
      node.edited = true;
      node.orig = typeof candidates[0] === 'number' && pred ? candidates[0] : row.position;
      if (!pred && retained < MAX_RETAINED) {
        node.row = row;
        retained++;
      }
    } else node.orig = found;
    if (earlier?.row) resolveLater(earlier, node);

    register(row, node);
  }

  /**
   * A row moved farther than the window reaches: its old place was reported deleted when its old
   * successor left the window. Its hash is that missing hash and recomputes at the old position, so
   * the deletion becomes one move finding and the row counts as explained (no edit, no insertion).
   */
  function movedFromFar(row: ChainRow): boolean {
    const gone = missing.get(row.hash);
    if (!gone || row.hashAt(gone.position) !== row.hash) return false;
    missing.delete(row.hash);
    if (movedTo.length < MAX_MISSING) movedTo.push(row.position);
    const { finding, position } = gone;
    sink.reclassify(finding, 'reordered');
    delete finding.toPosition;
    Object.assign(finding, said(words('errorWords.finding.movedFar', { from: position, to: row.position, next: position + 1 })));
    finding.expected = position;
    finding.actual = row.position;
    finding.details = { movedFrom: position, movedTo: row.position };
    const node: Node = {
      pos: row.position,
      hash: row.hash,
      prev: row.prev,
      orig: position,
      edited: false,
      recomputed: null,
      predFound: true,
      referenced: true,
      explained: true,
      pairedWith: finding,
      row: null,
      linkedFrom: null,
      movedFar: true,
    };
    register(row, node);
    return true;
  }

  /** A row moved ahead of its chain predecessor: now that the predecessor is here, try right after it. */
  function resolveLater(waiting: Node, pred: Node): void {
    const row = waiting.row as ChainRow;
    waiting.row = null;
    retained--;
    if (row.hashAt(pred.orig + 1) !== waiting.hash) return;
    waiting.edited = false;
    waiting.orig = pred.orig + 1;
  }

  function register(row: ChainRow, node: Node): void {
    if (row.hash && !byHash.has(row.hash)) byHash.set(row.hash, node);
    if (!byPrev.has(row.prev)) byPrev.set(row.prev, node);
    queue.push(node);
    lastArrived = node;
    if (queue.length - head > window) evict();
  }

  function evict(): void {
    const node = queue[head];
    head++;
    const next = head < queue.length ? queue[head] : null;
    if (head > window) {
      queue.splice(0, head);
      head = 0;
    }
    if (byHash.get(node.hash) === node) byHash.delete(node.hash);
    if (byPrev.get(node.prev) === node) byPrev.delete(node.prev);
    if (node.row) {
      node.row = null;
      retained--;
    }
    classify(node, next);
  }

  function deleted(from: number, to: number, successor: Node): void {
    const finding = emit({
      kind: 'deleted',
      check: 'chain',
      position: from,
      ...(to !== from ? { toPosition: to } : {}),
      ...said(
        to === from
          ? words('errorWords.finding.chainDeletedOne', { position: from, successor: successor.pos })
          : words('errorWords.finding.chainDeletedRun', { from, to, successor: successor.pos }),
      ),
      details: { missing: to - from + 1, linkedFrom: successor.pos },
    });
    successor.pairedWith = finding;
    if (finding && from === to && missing.size < MAX_MISSING) missing.set(successor.prev, { position: from, finding });
  }

  function classify(node: Node, next: Node | null): void {
    const before = lastFinal;
    lastFinal = node;
    if (node.movedFar) {
      run = null;
      return;
    }
    if (node.edited && node.linkedFrom !== null) {
      // Its link to the row before it holds but its own hash does not: either its fields were
      // changed, or the row before was replaced (hash recomputed) and this link patched to match.
      // The chain cannot tell which, so both are suspects and neither is vouched for.
      run = null;
      const from = node.linkedFrom;
      firstBad = firstBad === null ? from : Math.min(firstBad, from);
      emit({
        kind: 'edited',
        check: 'chain',
        position: node.pos,
        ...said(words('errorWords.finding.editedOrPredecessorReplaced', { position: node.pos, from, lastVouched: from - 1 })),
        expected: node.hash || null,
        actual: node.recomputed,
        details: { suspectFrom: from, suspects: `${from},${node.pos}` },
      });
      return;
    }
    if (node.edited) {
      run = null;
      emit({
        kind: 'edited',
        check: 'chain',
        position: node.pos,
        ...said(words('errorWords.finding.edited', { position: node.pos })),
        expected: node.hash || null,
        actual: node.recomputed,
      });
      return;
    }

    if (!node.referenced && next && !next.edited && !next.movedFar) {
      if (!next.predFound) {
        next.explained = true;
        const gap = next.orig - node.orig - 1;
        if (gap >= 1) deleted(node.orig + 1, next.orig - 1, next);
        else if (gap === 0) {
          emit({
            kind: 'edited',
            check: 'chain',
            position: node.pos,
            ...said(words('errorWords.finding.replaced', { position: node.pos })),
            expected: next.prev,
            actual: node.hash,
            details: { replaced: true },
          });
        } else inserted(node);
      } else inserted(node);
    }

    if (!node.predFound && !node.explained && !before?.edited) {
      if (!before) deleted(1, Math.max(1, node.orig - 1), node);
      else deleted(node.orig - 1, node.orig - 1, node);
    }

    if (node.orig === node.pos) {
      run = null;
      return;
    }
    moved(node);
  }

  function inserted(node: Node): void {
    emit({
      kind: 'inserted',
      check: 'chain',
      position: node.pos,
      ...said(words('errorWords.finding.inserted', { position: node.pos })),
      actual: node.hash,
    });
  }

  function moved(node: Node): void {
    const shift = node.pos - node.orig;
    const last = lastFinding;
    // Renumbering that closes the gap of a deletion or opens room for an insertion.
    const opensRoom = last?.kind === 'inserted' && last.check === 'chain' && last.position === node.pos - 1 && shift > 0;
    const closesGap = node.pairedWith !== null && last === node.pairedWith && shift < 0;
    if (!run && (opensRoom || closesGap) && last) {
      run = { finding: last, shift, end: node.pos };
      last.details = { ...last.details, renumberedFrom: node.pos, renumbered: 1, shift };
      const hidden = { finding: sentenceOf(last), shift: `${shift > 0 ? '+' : ''}${shift}` };
      Object.assign(last, said(shift > 0 ? words('errorWords.finding.renumberedToHideInsertion', hidden) : words('errorWords.finding.renumberedToHideGap', hidden)));
      return;
    }
    if (run && run.end === node.pos - 1 && (run.finding.kind === 'reordered' || run.shift === shift)) {
      run.end = node.pos;
      if (run.finding.kind === 'reordered') run.finding.toPosition = node.pos;
      const details = run.finding.details ?? {};
      if (typeof details.renumbered === 'number') details.renumbered++;
      if (run.finding.kind === 'reordered') {
        details.rows = (typeof details.rows === 'number' ? details.rows : 1) + 1;
        Object.assign(run.finding, reorderSaid(run.finding.position as number, node.pos, details.firstRecordedAt as number));
      }
      run.finding.details = details;
      return;
    }
    if (node.orig < node.pos - 1) {
      // One event moved later in the store (not a swap with a neighbour, not a renumbered run): one
      // move finding at the place it left, like a move beyond the window (movedFromFar).
      run = null;
      if (movedTo.length < MAX_MISSING) movedTo.push(node.pos);
      emit({
        kind: 'reordered',
        check: 'chain',
        position: node.orig,
        ...said(words('errorWords.finding.moved', { from: node.orig, to: node.pos })),
        expected: node.orig,
        actual: node.pos,
        details: { movedFrom: node.orig, movedTo: node.pos },
      });
      return;
    }
    const finding = emit({
      kind: 'reordered',
      check: 'chain',
      position: node.pos,
      ...reorderSaid(node.pos, node.pos, node.orig),
      expected: node.orig,
      actual: node.pos,
      details: { firstRecordedAt: node.orig, rows: 1 },
    });
    run = finding ? { finding, shift, end: node.pos } : null;
  }

  return {
    add: arrive,
    canSkip(prev, position) {
      // A deletion still hoping for a far move (missing) needs no look at these rows: each hashes
      // at its own position only, so none is a missing event recomputing at its old place.
      if (retained > 0 || run !== null) return false;
      if (arrivals === 0) return prev === GENESIS_HEX && position === 1;
      const last = lastArrived;
      return (
        inPlace > window + 1 &&
        last !== null &&
        last.hash === prev &&
        last.pos === position - 1 &&
        last.orig === last.pos &&
        !last.edited &&
        byHash.get(prev) === last
      );
    },
    beginSkip() {
      // The first skipped row links to the last arrival, as add() would have noted.
      if (lastArrived) lastArrived.referenced = true;
      while (head < queue.length) evict();
    },
    resumeAfter(last) {
      const node: Node = {
        pos: last.position,
        hash: last.hash,
        prev: last.prev,
        orig: last.position,
        edited: false,
        recomputed: null,
        predFound: true,
        referenced: false,
        explained: false,
        pairedWith: null,
        row: null,
        linkedFrom: last.position > 1 ? last.position - 1 : null,
        movedFar: false,
      };
      arrivals++;
      register({ position: last.position, hash: last.hash, prev: last.prev, hashAt: () => last.hash }, node);
      inPlace = 2 * window + 2;
    },
    finish() {
      while (head < queue.length) evict();
    },
    firstBadPosition: () => firstBad,
    movedAfter: (position) => movedTo.filter((p) => p > position).length,
  };
}

function reorderSaid(from: number, to: number, recordedAt: number): ReturnType<typeof said> {
  return said(
    from === to
      ? words('errorWords.finding.reorderedOne', { position: from, recordedAt })
      : words('errorWords.finding.reorderedRun', { from, to, recordedAt }),
  );
}
