// Evidence an auditor hands over (issue 14): who signed it, what the viewer itself did, what was
// masked and what the auditor noted. Shared by main (services, CLI) and the renderer (panels).

/** The local Ed25519 signing identity, as shown in the Keys panel and `ledger keys show`. */
export interface SignerInfo {
  name: string;
  /** sha256 of the SPKI DER public key, hex, shown grouped ("3f9a 12c0 …"). */
  fingerprint: string;
  /** ISO time the key was made. */
  createdAt: string;
  publicKeyPem: string;
  /** How the private key is kept: 'safeStorage' (Electron, OS keychain) or 'file' (owner-only file). */
  protection: 'safeStorage' | 'file';
}

export type ActivityAction =
  | 'store.opened'
  | 'search'
  | 'verify'
  | 'export'
  | 'report'
  | 'unmasked.shown'
  | 'note.added'
  | 'note.edited'
  | 'note.removed'
  | 'keys.created';

/** One entry of the viewer's own append-only, hash-chained activity log. */
export interface ActivityEntry {
  seq: number;
  /** ISO time. */
  at: string;
  /** OS user name running the viewer. */
  user: string;
  action: ActivityAction;
  /** The store's lasting key (storeKey.ts) and label, when the action concerns a store. */
  storeKey: string | null;
  storeLabel: string | null;
  /** Chain head of the store at the time, when known. */
  chainHead: string | null;
  /** Plain facts of the action: the query searched, the export's files, the verdict… */
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type ActivityInput = Pick<ActivityEntry, 'action'> & Partial<Pick<ActivityEntry, 'storeKey' | 'storeLabel' | 'chainHead' | 'details'>>;

/** What a note is attached to: an event (by id and position) or a stream's state at a version. */
export type NoteTarget =
  | { kind: 'event'; eventId: string; position: number; streamId: string; version: number }
  | { kind: 'state'; streamId: string; version: number; projection?: string };

export interface CaseNote {
  id: string;
  storeKey: string;
  target: NoteTarget;
  text: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

/** A masking rule: a path into the event (data.customer.email, metadata.actor, data.items[].name) or a value pattern. */
export type MaskRule = { kind: 'path'; path: string } | { kind: 'pattern'; pattern: 'email' | 'card' | 'iban' | 'phone' };

/** What a bundle's manifest records about masking: the rules and how many values each masked — never the values. */
export interface MaskingSummary {
  rules: MaskRule[];
  /** Token scheme, e.g. "HMAC-SHA256, per-bundle secret, first 16 hex". */
  scheme: string;
  maskedValues: number;
  /** Values masked by each rule, in the order of `rules`. */
  counts?: number[];
  /** Which kept secret made the tokens: its file name under the ledger home, and an HMAC check value of it (never the secret). */
  secretId?: string;
  secretCheck?: string;
}
