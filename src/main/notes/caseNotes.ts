// Case notes and bookmarks (issue 14): what an auditor marks on events and states ("refund issued
// twice here"), kept by the viewer in <ledger home>/notes/<store key>.json, never in the store.
// The key is the store's lasting identity (evidence/storeKey.ts): a copy of one of our stores keeps
// its store_id and so shares its notes, on purpose — it is the same history. Writes are atomic
// (temp file + rename) under a lock; a damaged file is reported and left as it is, never replaced.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CaseNote, NoteTarget } from '../../shared/evidence.ts';
import type { NotesListing } from '../../shared/notes.ts';
import { osUser } from '../activity/activityLog.ts';
import { withFileLock } from '../activity/fileLock.ts';
import type { ActivityRecorder, NotesReader } from '../evidence/services.ts';
import type { StoreKey } from '../evidence/storeKey.ts';
import { LedgerError } from '../errors.ts';
import { words } from '../../shared/errorWords/index.ts';

const FORMAT = 'replay-ledger-notes';
export const MAX_NOTE_LENGTH = 10_000;

interface NotesFile {
  format: typeof FORMAT;
  version: 1;
  storeKey: string;
  storeLabel: string | null;
  notes: CaseNote[];
}

export interface CaseNotes extends NotesReader {
  /** Notes of one store with the file they live in; `problem` says why a damaged file cannot be read. */
  read(storeKey: string): NotesListing;
  /** `at` adds what the activity entry says of the store now (its chain head). */
  add(store: StoreKey, target: NoteTarget, text: string, at?: NoteContext): CaseNote;
  edit(store: StoreKey, id: string, text: string, at?: NoteContext): CaseNote;
  remove(store: StoreKey, id: string, at?: NoteContext): CaseNote;
  /** The store's notes as one JSON document (what `notes export` and notes/export write). */
  exportJson(store: StoreKey): string;
  fileOf(storeKey: string): string;
}

export interface NoteContext {
  chainHead?: string | null;
}

export interface CaseNotesOptions {
  home: string;
  /** Note actions go into the activity log ('note.added', …). */
  activity?: ActivityRecorder | null;
  user?: string;
  now?: () => Date;
}

function cleanText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new LedgerError('INVALID_INPUT', words('errorWords.note.needsText', {}));
  if (trimmed.length > MAX_NOTE_LENGTH) throw new LedgerError('INVALID_INPUT', words('errorWords.note.tooLong', { max: MAX_NOTE_LENGTH.toLocaleString('en-US'), length: trimmed.length.toLocaleString('en-US') }));
  return trimmed;
}

function isNotesFile(value: unknown, storeKey: string): value is NotesFile {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<NotesFile>;
  return v.format === FORMAT && v.storeKey === storeKey && Array.isArray(v.notes) && v.notes.every((n) => n && typeof n.id === 'string' && typeof n.text === 'string' && n.target && typeof n.target === 'object');
}

/** Where a note points, in a few words ("cart-1 v3, event 3f9a…"). */
export function describeTarget(target: NoteTarget): string {
  return target.kind === 'event'
    ? `event ${target.eventId} (${target.streamId} v${target.version}, position ${target.position})`
    : `state of ${target.streamId} at v${target.version}${target.projection ? ` (${target.projection})` : ''}`;
}

export function createCaseNotes(options: CaseNotesOptions): CaseNotes {
  const folder = path.join(options.home, 'notes');
  const user = options.user ?? osUser();
  const now = options.now ?? (() => new Date());
  const fileOf = (storeKey: string) => {
    if (!/^[0-9a-f]{64}$/.test(storeKey)) throw new LedgerError('INVALID_INPUT', words('errorWords.note.notAStoreKey', {}));
    return path.join(folder, `${storeKey}.json`);
  };

  /** The file's notes; throws CORRUPT (and keeps the file) when it is not a notes file of this store. */
  const load = (storeKey: string): NotesFile | null => {
    const file = fileOf(storeKey);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new LedgerError('IO_ERROR', words('errorWords.note.cannotRead', { path: file, error: (error as Error).message }));
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (!isNotesFile(value, storeKey)) {
      throw new LedgerError('CORRUPT', words('errorWords.note.damaged', { path: file }), { file });
    }
    return value;
  };

  const save = (data: NotesFile) => {
    const file = fileOf(data.storeKey);
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(temp, file);
  };

  /** Read-modify-write under the notes file's lock, so the CLI and the app do not lose each other's notes. */
  const change = <T>(store: StoreKey, work: (data: NotesFile) => T): T => {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const file = fileOf(store.key);
    return withFileLock(file, () => {
      const data = load(store.key) ?? { format: FORMAT, version: 1, storeKey: store.key, storeLabel: store.label, notes: [] };
      const result = work(data);
      data.storeLabel = store.label;
      save(data);
      return result;
    });
  };

  const find = (data: NotesFile, id: string): CaseNote => {
    const note = data.notes.find((n) => n.id === id);
    if (!note) throw new LedgerError('NOT_FOUND', words('errorWords.read.noNote', { id }));
    return note;
  };

  const recordAction = (action: 'note.added' | 'note.edited' | 'note.removed', store: StoreKey, note: CaseNote, at: NoteContext = {}) =>
    options.activity?.record({ action, storeKey: store.key, storeLabel: store.label, chainHead: at.chainHead ?? null, details: { noteId: note.id, target: note.target, text: note.text } });

  return {
    fileOf,
    list: (storeKey) => load(storeKey)?.notes ?? [],
    read(storeKey) {
      const file = fileOf(storeKey);
      try {
        return { storeKey, file, notes: load(storeKey)?.notes ?? [], problem: null };
      } catch (error) {
        return { storeKey, file, notes: [], problem: (error as Error).message };
      }
    },
    add(store, target, text, at) {
      const time = now().toISOString();
      const note: CaseNote = { id: randomUUID(), storeKey: store.key, target, text: cleanText(text), author: user, createdAt: time, updatedAt: time };
      change(store, (data) => data.notes.push(note));
      recordAction('note.added', store, note, at);
      return note;
    },
    edit(store, id, text, at) {
      const cleaned = cleanText(text);
      const note = change(store, (data) => {
        const found = find(data, id);
        found.text = cleaned;
        found.updatedAt = now().toISOString();
        return { ...found };
      });
      recordAction('note.edited', store, note, at);
      return note;
    },
    remove(store, id, at) {
      const note = change(store, (data) => {
        const found = find(data, id);
        data.notes = data.notes.filter((n) => n.id !== id);
        return found;
      });
      recordAction('note.removed', store, note, at);
      return note;
    },
    exportJson(store) {
      const notes = load(store.key)?.notes ?? [];
      return JSON.stringify({ format: FORMAT, version: 1, store: { key: store.key, label: store.label, storeId: store.storeId }, exportedAt: now().toISOString(), exportedBy: user, notes }, null, 2) + '\n';
    },
  };
}
