// A finding's sentence: the English main has always written goes in `message` (tests, --json and
// manifests read it), the words beside it so the Verify screen and the CLI say it in their reader's
// language. Spread into a finding, or assigned when later evidence rewrites or extends one.
import { englishError, type ErrorFact, type ErrorWords } from '../../shared/errorWords/index.ts';
import type { VerifyFinding } from '../../shared/verify.ts';

export function said(words: ErrorWords): { message: string; words: ErrorWords } {
  return { message: englishError(words), words };
}

/** A finding's sentence as a fact of a longer one (a renumbering folded in, the stream a deletion was in). */
export function sentenceOf(finding: VerifyFinding): ErrorFact {
  return finding.words ?? finding.message;
}
