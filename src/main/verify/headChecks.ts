// ledger_head is the append path's own record of the chain: last position, head hash and counts.
// It acts as the successor link of the last event, so it reveals a deleted or replaced tail. An
// expected head recorded outside the store (a manifest, --expect-head) is the only thing that
// reveals a chain rewritten consistently from some point to the end.
import { words, type ErrorWords } from '../../shared/errorWords/index.ts';
import type { ExpectedHeadResult, VerifyReport } from '../../shared/verify.ts';
import type { ChainWalkResult } from './chainWalk.ts';
import type { FindingSink } from './findings.ts';
import { said } from './said.ts';

export interface HeadRow {
  lastPosition: number;
  headHash: string;
  eventCount: number;
  streamCount: number;
}

export function checkLedgerHead(sink: FindingSink, head: HeadRow | null, walk: ChainWalkResult, streams: number | null): void {
  if (!head) {
    sink.add({ kind: 'summary-mismatch', check: 'ledger-head', position: null, ...said(words('errorWords.finding.headMissing', {})) });
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
        ...said(
          lastPosition - maxPosition === 1
            ? words('errorWords.finding.headTailDeletedOne', { last: maxPosition, recorded: lastPosition })
            : words('errorWords.finding.headTailDeletedMany', { last: maxPosition, recorded: lastPosition, deleted: lastPosition - maxPosition }),
        ),
        expected: headHash,
        actual: walk.lastHash,
      });
    } else if (lastPosition === maxPosition && walk.rows > 0) {
      sink.add({
        kind: 'edited',
        check: 'ledger-head',
        position: maxPosition,
        ...said(words('errorWords.finding.headLastReplaced', { position: maxPosition })),
        expected: headHash,
        actual: walk.lastHash,
      });
    } else {
      sink.add({
        kind: 'summary-mismatch',
        check: 'ledger-head',
        position: null,
        ...said(words('errorWords.finding.headUnknown', { hash: headHash, position: lastPosition })),
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
      ...said(
        maxPosition - foundAt === 1
          ? words('errorWords.finding.headTailAddedOne', { head: foundAt, last: maxPosition })
          : words('errorWords.finding.headTailAddedMany', { head: foundAt, last: maxPosition, added: maxPosition - foundAt }),
      ),
      expected: lastPosition,
      actual: maxPosition,
    });
  }

  const wrong: ErrorWords[] = [];
  if (foundAt !== null && lastPosition !== foundAt) wrong.push(words('errorWords.finding.headSays.lastPosition', { recorded: lastPosition, foundAt }));
  if (head.eventCount !== walk.rows) wrong.push(words('errorWords.finding.headSays.eventCount', { recorded: head.eventCount, stored: walk.rows }));
  if (streams !== null && head.streamCount !== streams) wrong.push(words('errorWords.finding.headSays.streamCount', { recorded: head.streamCount, streams }));
  if (wrong.length > 0) {
    sink.add({
      kind: 'summary-mismatch',
      check: 'ledger-head',
      position: null,
      ...said(words('errorWords.finding.headSays', { wrong: { list: wrong } })),
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
    ...said(
      foundAt !== null
        ? words('errorWords.finding.expectedHeadMoved', { hash: expected.hash, foundAt, at: String(at) })
        : at !== null && walk.hashAtExpectedPosition !== null
          ? words('errorWords.finding.expectedHeadReplaced', { position: at, hash: expected.hash })
          : words('errorWords.finding.expectedHeadGone', { hash: expected.hash }),
    ),
    expected: expected.hash,
    actual: at !== null ? walk.hashAtExpectedPosition : walk.lastHash,
  });
  return result;
}

export type RecordedHead = VerifyReport['recordedHead'];
