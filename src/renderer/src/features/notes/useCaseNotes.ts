// The open store's case notes, loaded once per opening and shared by every screen that shows them
// (the Notes panel, the event detail, the stream's event list, the state screen). Adding, editing
// or removing a note re-reads them, so every mark on screen follows.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { Input } from '../../../../shared/contract.ts';
import type { CaseNote } from '../../../../shared/evidence.ts';
import type { NotesListing } from '../../../../shared/notes.ts';
import type { ErrorInfo, Result } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { useStore } from '../../app/StoreContext.tsx';

interface Snapshot {
  openId: number | null;
  listing: NotesListing | null;
  error: ErrorInfo | null;
  loading: boolean;
}

/** One empty list, so screens that depend on `notes` do not re-run on every render while loading. */
const NO_NOTES: CaseNote[] = [];

let snapshot: Snapshot = { openId: null, listing: null, error: null, loading: false };
let request = 0;
const listeners = new Set<() => void>();
const publish = (next: Snapshot) => {
  snapshot = next;
  for (const listener of listeners) listener();
};

function load(openId: number): void {
  const mine = ++request;
  publish({ ...snapshot, openId, loading: true, ...(snapshot.openId === openId ? {} : { listing: null, error: null }) });
  api.listNotes().then(
    (result) => {
      if (mine !== request) return;
      publish(result.ok ? { openId, listing: result.value, error: null, loading: false } : { openId, listing: null, error: result.error, loading: false });
    },
    (error: unknown) => mine === request && publish({ openId, listing: null, error: { code: 'INTERNAL', message: String((error as Error)?.message ?? error) }, loading: false }),
  );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface CaseNotesState {
  notes: CaseNote[];
  /** Why the notes file cannot be read (damaged): shown, never overwritten. */
  problem: string | null;
  error: ErrorInfo | null;
  loading: boolean;
  file: string | null;
  reload: () => void;
  add: (input: Input<'notes/add'>) => Promise<Result<CaseNote>>;
  edit: (id: string, text: string) => Promise<Result<CaseNote>>;
  remove: (id: string) => Promise<Result<CaseNote>>;
}

export function useCaseNotes(): CaseNotesState {
  const { store } = useStore();
  const openId = store?.openId ?? null;
  const current = useSyncExternalStore(subscribe, () => snapshot);
  useEffect(() => {
    if (openId !== null && snapshot.openId !== openId) load(openId);
  }, [openId]);
  const reload = useCallback(() => {
    if (openId !== null) load(openId);
  }, [openId]);
  const after = useCallback(
    async (result: Promise<Result<CaseNote>>) => {
      const answer = await result;
      if (answer.ok) reload();
      return answer;
    },
    [reload],
  );
  const mine = current.openId === openId ? current : { listing: null, error: null, loading: true };
  return {
    notes: mine.listing?.notes ?? NO_NOTES,
    problem: mine.listing?.problem ?? null,
    error: mine.error,
    loading: mine.loading,
    file: mine.listing?.file ?? null,
    reload,
    add: useCallback((input) => after(api.addNote(input)), [after]),
    edit: useCallback((id, text) => after(api.editNote({ id, text })), [after]),
    remove: useCallback((id) => after(api.removeNote({ id })), [after]),
  };
}

export { notesOnEvent, notesOnState } from './noteMatch.ts';
