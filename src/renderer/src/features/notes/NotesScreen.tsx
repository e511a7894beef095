// The Notes panel: every case note on the open store, with a link to the event or state it marks,
// edit and remove, and the export of all of them as JSON. The notes are the viewer's own (kept under
// its folder, keyed by the store's identity): a copy of the store with the same store id shows them too.
import { EvidenceTabs } from '../evidence/EvidenceTabs.tsx';
import { useState } from 'react';
import type { NotesExportResult } from '../../../../shared/contract.ts';
import type { CaseNote } from '../../../../shared/evidence.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api, downloadHref } from '../../api.ts';
import { hrefs } from '../../app/routes.ts';
import { EmptyState, ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatTime } from '../../lib/format.ts';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { SafeText } from '../../lib/safeText.tsx';
import { NoteForm } from './TargetNotes.tsx';
import { useCaseNotes } from './useCaseNotes.ts';
import { followRowLink, useRovingRows, type RovingRows } from '../../components/useRovingRows.ts';
import './notes.css';
import { errorMessage } from '../../lib/errors.ts';

function TargetLink({ note }: { note: CaseNote }) {
  const t = useT();
  const target = note.target;
  if (target.kind === 'event') {
    return (
      <a href={hrefs.stream(target.streamId, target.version)} data-testid="note-target-link">
        <Message
          k="notes.target.event"
          values={{ version: target.version, position: target.position }}
          components={{ stream: <SafeText text={target.streamId} max={120} />, muted: <span className="muted small" /> }}
        />
      </a>
    );
  }
  return (
    <a href={hrefs.state(target.streamId, target.version, target.projection ?? null)} data-testid="note-target-link">
      <Message k="notes.target.state" values={{ version: target.version }} components={{ stream: <SafeText text={target.streamId} max={120} /> }} />
      {target.projection ? <span className="muted small">{t('notes.target.projection', { projection: target.projection })}</span> : null}
    </a>
  );
}

function NoteRow({ note, row }: { note: CaseNote; row: ReturnType<RovingRows<HTMLElement>['rowProps']> }) {
  const t = useT();
  const { edit, remove } = useCaseNotes();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  return (
    <tr {...row} data-testid="note-row" data-note-id={note.id}>
      <td>
        <TargetLink note={note} />
      </td>
      <td className="note-text" data-testid="note-row-text">
        {editing ? (
          <NoteForm
            initial={note.text}
            label={t('notes.edit.label')}
            onCancel={() => setEditing(false)}
            onSave={async (text) => {
              const result = await edit(note.id, text);
              if (!result.ok) return result.error;
              setEditing(false);
              return null;
            }}
          />
        ) : (
          <SafeText text={note.text} max={5000} />
        )}
        {error && (
          <div className="status-inline error" role="alert">
            <SafeText text={errorMessage(error)} max={400} />
          </div>
        )}
      </td>
      <td>
        <SafeText text={note.author} max={80} />
      </td>
      <td className="time">{formatTime(note.updatedAt)}</td>
      <td>
        {!editing && (
          <>
            <button type="button" className="link-button" onClick={() => setEditing(true)} data-testid="note-edit">
              {t('notes.edit')}
            </button>{' '}
            <button
              type="button"
              className="link-button"
              onClick={async () => {
                const result = await remove(note.id);
                setError(result.ok ? null : result.error);
              }}
              data-testid="note-remove"
            >
              {t('notes.remove')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

function ExportNotes() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<NotesExportResult | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  return (
    <span className="notes-export">
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const result = await api.exportNotes();
          setBusy(false);
          setDone(result.ok ? result.value : null);
          setError(result.ok || result.error.code === 'CANCELLED' ? null : result.error);
        }}
        data-testid="notes-export"
      >
        {t('notes.export')}
      </button>{' '}
      {done && (
        <span className="small" data-testid="notes-export-done">
          {t('notes.exported', { count: done.notes })}
          {done.downloadUrl ? (
            <a href={downloadHref(done.downloadUrl)} download={done.fileName} rel="noopener">
              {done.fileName}
            </a>
          ) : (
            <SafeText text={done.path} max={300} />
          )}
        </span>
      )}
      {error && (
        <span className="status-inline error" role="alert">
          <SafeText text={errorMessage(error)} max={400} />
        </span>
      )}
    </span>
  );
}

export function NotesScreen() {
  const t = useT();
  const { notes, problem, error, loading, file, reload } = useCaseNotes();
  // One Tab stop: ↑/↓ pick a note (its Edit and Remove join the Tab order), Enter opens what it marks.
  const [active, setActive] = useState<number | null>(null);
  const roving = useRovingRows<HTMLTableElement>({ count: notes.length, active: active !== null && active < notes.length ? active : null, onActive: setActive, onOpen: (i) => followRowLink(roving.rowId(i)), confine: true, label: 'keyboard.notes.table' });
  if (error) return <ErrorView error={error} onRetry={reload} />;
  if (loading && notes.length === 0 && !problem) return <Loading label={t('notes.loading')} />;
  const sorted = [...notes].sort((a, b) => (a.target.streamId === b.target.streamId ? a.target.version - b.target.version : a.target.streamId < b.target.streamId ? -1 : 1));
  return (
    <div className="screen page-screen notes-screen" data-testid="notes-screen">
      <EvidenceTabs current="notes" storeOpen />
      <div className="page-column">
      <header className="page-head">
        <h1>{t('notes.title')}</h1>
        <p className="muted small">
          {file ? (
            <Message k="notes.about.in" components={{ file: <SafeText text={file} max={300} />, log: <a href={hrefs.activity()} /> }} />
          ) : (
            <Message k="notes.about" components={{ log: <a href={hrefs.activity()} /> }} />
          )}
        </p>
        {notes.length > 0 && <ExportNotes />}
      </header>
      {problem && (
        <p className="integrity-banner" role="alert" data-testid="notes-problem">
          <SafeText text={problem} max={600} />
        </p>
      )}
      {notes.length === 0 && !problem ? (
        <EmptyState title={t('notes.empty')} testId="notes-empty">
          {t('notes.empty.hint')}
        </EmptyState>
      ) : (
        <table className="mini-table notes-table" data-testid="notes-table" role="grid" {...roving.gridProps}>
          <thead>
            <tr>
              <th>{t('notes.col.on')}</th>
              <th>{t('notes.col.note')}</th>
              <th>{t('notes.col.by')}</th>
              <th>{t('notes.col.updated')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sorted.map((n, i) => (
              <NoteRow key={n.id} note={n} row={roving.rowProps(i)} />
            ))}
          </tbody>
        </table>
      )}
      </div>
    </div>
  );
}
