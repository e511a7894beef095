// Checks a chain head typed or pasted by an auditor before any work is started: `hash` or
// `hash@position`, the same parser as `ledger verify --expect-head`.
import { formatExpectedHead, parseExpectedHead } from '../../../../shared/expectedHead.ts';

/** The value `verify/start` takes (`hash` or `hash@position`), or why the text is not one. */
export function checkChainHead(text: string): { value: string | null; problem: string | null } {
  const parsed = parseExpectedHead(text);
  return { value: parsed.value ? formatExpectedHead(parsed.value) : null, problem: parsed.problem };
}
