// The notes on one event or one state, with "Add note": what the event detail and the state screen
// show. Notes are the viewer's (kept beside its settings, keyed by the store), never the store's.
import { useState, type FormEvent } from 'react';
import type { Input } from '../../../../shared/contract.ts';
import type { CaseNote } from '../../../../shared/evidence.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { hrefs } from '../../app/routes.ts';
import { formatTime } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { Message } from '../../i18n/Message.tsx';
import { useCaseNotes } from './useCaseNotes.ts';
import { useT } from '../../i18n/index.ts';
import './notes.css';
import { errorMessage } from '../../lib/errors.ts';

type Target = Input<'notes/add'>['target'];

export function NoteForm({ initial = '', label, onSave, onCancel }: { initial?: string; label: string; onSave: (text: string) => Promise<ErrorInfo | null>; onCancel: () => void }) {
  const t = useT();
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError({ code: 'INVALID_INPUT', message: t('notes.needsText') });
    setBusy(true);
    const problem = await onSave(text);
    setBusy(false);
    setError(problem);
  };
  return (
    <form className="note-form" onSubmit={submit} data-testid="note-form">
      <textarea value={text} onChange={(e) => setText(e.target.value)} maxLength={10_000} rows={3} autoFocus aria-label={label} placeholder={t('notes.placeholder')} data-testid="note-text" />
      <div className="note-form-actions">
        <button type="submit" disabled={busy} data-testid="note-save">
          {busy ? t('notes.saving') : t('notes.save')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        {error && (
          <span className="status-inline error" role="alert" data-testid="note-error">
            <SafeText text={errorMessage(error)} max={400} />
          </span>
        )}
      </div>
    </form>
  );
}

export function TargetNotes({ target, notes, what }: { target: Target; notes: CaseNote[]; what: string }) {
  const t = useT();
  const { add, problem } = useCaseNotes();
  const [adding, setAdding] = useState(false);
  return (
    <section className="detail-section target-notes" data-testid="target-notes" data-count={notes.length}>
      <header className="detail-section-head">
        <h3>{t('notes.heading')}</h3>
        {!adding && (
          <button type="button" className="link-button" onClick={() => setAdding(true)} disabled={problem !== null} title={problem ?? t('notes.add.title', { what })} data-testid="add-note">
            {t('notes.add')}
          </button>
        )}
        <a href={hrefs.notes()} className="small">
          {t('notes.all')}
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
                <Message k="notes.byline" values={{ when: formatTime(n.updatedAt) }} components={{ author: <SafeText text={n.author} max={80} /> }} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {adding && (
        <NoteForm
          label={t('notes.on', { what })}
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
