// The notes on one event or one state, with "Add note": what the event detail and the state screen
// show. Notes are the viewer's (kept beside its settings, keyed by the store), never the store's.
import { useState, type FormEvent } from 'react';
import type { Input } from '../../../../shared/contract.ts';
import type { CaseNote } from '../../../../shared/evidence.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { hrefs } from '../../app/routes.ts';
import { formatTime } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useCaseNotes } from './useCaseNotes.ts';
import './notes.css';

type Target = Input<'notes/add'>['target'];

export function NoteForm({ initial = '', label, onSave, onCancel }: { initial?: string; label: string; onSave: (text: string) => Promise<ErrorInfo | null>; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError({ code: 'INVALID_INPUT', message: 'A note needs some text.' });
    setBusy(true);
    const problem = await onSave(text);
    setBusy(false);
    setError(problem);
  };
  return (
    <form className="note-form" onSubmit={submit} data-testid="note-form">
      <textarea value={text} onChange={(e) => setText(e.target.value)} maxLength={10_000} rows={3} autoFocus aria-label={label} placeholder="What you noticed, e.g. “refund issued twice here”" data-testid="note-text" />
      <div className="note-form-actions">
        <button type="submit" disabled={busy} data-testid="note-save">
          {busy ? 'Saving…' : 'Save note'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        {error && (
          <span className="status-inline error" role="alert" data-testid="note-error">
            <SafeText text={error.message} max={400} />
          </span>
        )}
      </div>
    </form>
  );
}

export function TargetNotes({ target, notes, what }: { target: Target; notes: CaseNote[]; what: string }) {
  const { add, problem } = useCaseNotes();
  const [adding, setAdding] = useState(false);
  return (
    <section className="detail-section target-notes" data-testid="target-notes" data-count={notes.length}>
      <header className="detail-section-head">
        <h3>Notes</h3>
        {!adding && (
          <button type="button" className="link-button" onClick={() => setAdding(true)} disabled={problem !== null} title={problem ?? `Add a note on ${what} (kept by this viewer, not in the store)`} data-testid="add-note">
            Add note
          </button>
        )}
        <a href={hrefs.notes()} className="small">
          All notes
        </a>
      </header>
      {problem && (
        <p className="status-inline error" role="alert" data-testid="notes-problem">
          <SafeText text={problem} max={500} />
        </p>
      )}
      {notes.length > 0 && (
        <ul className="note-list">
          {notes.map((n) => (
            <li key={n.id} data-testid="target-note">
              <span className="note-text">
                <SafeText text={n.text} max={2000} />
              </span>{' '}
              <span className="muted small">
                — <SafeText text={n.author} max={80} />, {formatTime(n.updatedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {adding && (
        <NoteForm
          label={`Note on ${what}`}
          onCancel={() => setAdding(false)}
          onSave={async (text) => {
            const result = await add({ target, text });
            if (!result.ok) return result.error;
            setAdding(false);
            return null;
          }}
        />
      )}
    </section>
  );
}
