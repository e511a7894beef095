// ledger_head is the append path's own record of the chain: last position, head hash and counts.
// It acts as the successor link of the last event, so it reveals a deleted or replaced tail. An
// expected head recorded outside the store (a manifest, --expect-head) is the only thing that
// reveals a chain rewritten consistently from some point to the end.
import type { ExpectedHeadResult, VerifyReport } from '../../shared/verify.ts';
import type { ChainWalkResult } from './chainWalk.ts';
import type { FindingSink } from './findings.ts';

export interface HeadRow {
  lastPosition: number;
  headHash: string;
  eventCount: number;
  streamCount: number;
}

export function checkLedgerHead(sink: FindingSink, head: HeadRow | null, walk: ChainWalkResult, streams: number | null): void {
  if (!head) {
    sink.add({ kind: 'summary-mismatch', check: 'ledger-head', position: null, message: 'The ledger_head row is missing: the store has no record of its chain head.' });
    return;
  }
  const maxPosition = walk.lastPosition ?? 0;
  const { lastPosition, headHash } = head;
  const foundAt = walk.rows === 0 ? (/^0+$/.test(headHash) ? 0 : null) : walk.recordedHeadAt;

  if (foundAt === null) {
    if (lastPosition > maxPosition) {
      sink.add({
        kind: 'deleted',
        check: 'ledger-head',
        position: maxPosition + 1,
        ...(lastPosition > maxPosition + 1 ? { toPosition: lastPosition } : {}),
        message:
          `The store ends at position ${maxPosition}, but ledger_head records events up to position ${lastPosition} with a head hash that no stored event has: ` +
          `the last ${lastPosition - maxPosition === 1 ? 'event was' : `${lastPosition - maxPosition} events were`} deleted.`,
        expected: headHash,
        actual: walk.lastHash,
      });
    } else if (lastPosition === maxPosition && walk.rows > 0) {
      sink.add({
        kind: 'edited',
        check: 'ledger-head',
        position: maxPosition,
        message:
          `The last event (position ${maxPosition}) is not the one ledger_head recorded: its hash differs from the recorded head. ` +
          `The event was replaced with a recomputed hash, or ledger_head was altered.`,
        expected: headHash,
        actual: walk.lastHash,
      });
    } else {
      sink.add({
        kind: 'summary-mismatch',
        check: 'ledger-head',
        position: null,
        message: `ledger_head records head ${headHash} at position ${lastPosition}, but no stored event has that hash.`,
        expected: headHash,
        actual: walk.lastHash,
      });
    }
  } else if (foundAt < maxPosition && walk.rowsAfterRecordedHead > walk.movesAfterRecordedHead) {
    // (Rows after the head that are all events moved there are already reported as moves.)
    sink.add({
      kind: 'inserted',
      check: 'ledger-head',
      position: foundAt + 1,
      ...(maxPosition > foundAt + 1 ? { toPosition: maxPosition } : {}),
      message:
        `ledger_head ends the chain at position ${foundAt}, but the store holds events up to position ${maxPosition}: ` +
        `${maxPosition - foundAt === 1 ? 'the event after it was' : `the ${maxPosition - foundAt} events after it were`} added outside the append path.`,
      expected: lastPosition,
      actual: maxPosition,
    });
  }

  const wrong: string[] = [];
  if (foundAt !== null && lastPosition !== foundAt) wrong.push(`last_position ${lastPosition} (its head hash is at position ${foundAt})`);
  if (head.eventCount !== walk.rows) wrong.push(`event_count ${head.eventCount} (${walk.rows} events are stored)`);
  if (streams !== null && head.streamCount !== streams) wrong.push(`stream_count ${head.streamCount} (${streams} streams have events)`);
  if (wrong.length > 0) {
    sink.add({
      kind: 'summary-mismatch',
      check: 'ledger-head',
      position: null,
      message: `ledger_head says ${wrong.join(', ')}.`,
    });
  }
}

export function checkExpectedHead(
  sink: FindingSink,
  expected: { hash: string; position: number | null },
  walk: ChainWalkResult,
): ExpectedHeadResult {
  const foundAt = walk.expectedHeadAt;
  const result: ExpectedHeadResult = {
    hash: expected.hash,
    position: expected.position,
    foundAt,
    appendedSince: foundAt === null ? null : (walk.lastPosition ?? 0) - foundAt,
  };
  if (foundAt !== null && (expected.position === null || expected.position === foundAt)) return result;
  const at = expected.position;
  sink.add({
    kind: 'rewritten',
    check: 'expected-head',
    position: at !== null && walk.hashAtExpectedPosition !== null ? at : null,
    message:
      foundAt !== null
        ? `The recorded chain head ${expected.hash} is at position ${foundAt}, not at ${at} where it was recorded: events before it were added or removed and the chain renumbered.`
        : at !== null && walk.hashAtExpectedPosition !== null
          ? `The event at position ${at} no longer has the recorded chain head ${expected.hash}: history up to position ${at} was rewritten, and the hashes recomputed to hide it.`
          : `The recorded chain head ${expected.hash} is not in this store's chain: history was rewritten (hashes recomputed) or truncated since it was recorded.`,
    expected: expected.hash,
    actual: at !== null ? walk.hashAtExpectedPosition : walk.lastHash,
  });
  return result;
}

export type RecordedHead = VerifyReport['recordedHead'];
