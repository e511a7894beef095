// Checks a chain head typed or pasted by an auditor before any work is started.

/** A chain head as typed or pasted: spaces and line breaks are ignored. */
export function checkChainHead(text: string): { value: string | null; problem: string | null } {
  const compact = text.replace(/\s+/g, '');
  if (compact === '') return { value: null, problem: null };
  const bad = /[^0-9a-fA-F]/.exec(compact);
  if (bad) return { value: null, problem: `A chain head is 64 hexadecimal characters (0–9, a–f); '${bad[0]}' is not one of them.` };
  if (compact.length !== 64) return { value: null, problem: `A chain head is 64 hexadecimal characters; this one has ${compact.length}.` };
  return { value: compact.toLowerCase(), problem: null };
}
