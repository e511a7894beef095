// A key fingerprint as people compare it: groups of four hex digits ("3f9a 12c0 …").
export function groupedFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The first 16 hex digits, grouped: enough to recognise a key at a glance. */
export function shortFingerprint(fingerprint: string): string {
  return `${groupedFingerprint(fingerprint.slice(0, 16))} …`;
}
