// A chain head recorded earlier, as people type it: `HASH` or `HASH@POSITION` (what manifests and
// `ledger verify --expect-head` use). One parser for the CLI, the Integrity screen and the IPC input.

export interface ExpectedHead {
  hash: string;
  position: number | null;
}

/** Spaces and line breaks (a pasted, wrapped value) are ignored. Empty input is no head at all. */
export function parseExpectedHead(text: string): { value: ExpectedHead | null; problem: string | null } {
  const compact = text.replace(/\s+/g, '');
  if (compact === '') return { value: null, problem: null };
  const at = compact.indexOf('@');
  const hash = at === -1 ? compact : compact.slice(0, at);
  const positionText = at === -1 ? null : compact.slice(at + 1);
  const bad = /[^0-9a-fA-F]/.exec(hash);
  if (bad) return { value: null, problem: `A chain head is 64 hexadecimal characters (0–9, a–f), optionally followed by @position; '${bad[0]}' is not one of them.` };
  if (hash.length !== 64) return { value: null, problem: `A chain head is 64 hexadecimal characters; this one has ${hash.length}.` };
  if (positionText !== null && !/^\d{1,15}$/.test(positionText)) {
    return { value: null, problem: `After @ comes the position the head was recorded at (a whole number), not '${positionText.slice(0, 40)}'.` };
  }
  return { value: { hash: hash.toLowerCase(), position: positionText === null ? null : Number(positionText) }, problem: null };
}

/** The form `verify/start` carries over IPC. */
export const formatExpectedHead = (head: ExpectedHead): string => (head.position === null ? head.hash : `${head.hash}@${head.position}`);
