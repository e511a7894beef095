// "Connect to PostgreSQL": the connection form beside the file box. "Test connection" says what the
// server and the store are (version, layout, read-only) before anything opens; "Open" makes it the
// open store. A connection that fails is explained inline and the store already open stays open.
import { useT, type MessageKey } from '../../i18n/index.ts';
import { useId, useState, type FormEvent } from 'react';
import type { ConnectionTest, OpenedStore, RecentConnection, RememberChoice, SslMode } from '../../../../shared/contract.ts';
import { SSL_MODES } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { baseName, formatCount } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';
import { connectionInput, connectionRequest, editConnection, emptyConnection, emptyMapping, fromRecent, mappingFrom, type ConnectionDraft, type FieldProblem } from './connectionForm.ts';
import { RecentConnections } from './RecentConnections.tsx';
import { TableMapping } from './TableMapping.tsx';

// Catalog keys; the mode names themselves (verify-full, …) are PostgreSQL's and stay as they are.
const SSL_LABELS: Record<SslMode, MessageKey> = {
  disable: 'connection.ssl.disable',
  prefer: 'connection.ssl.prefer',
  require: 'connection.ssl.require',
  'verify-ca': 'connection.ssl.verifyCa',
  'verify-full': 'connection.ssl.verifyFull',
};

const REMEMBER_LABELS: Record<RememberChoice, MessageKey> = {
  no: 'connection.remember.no',
  'without-password': 'connection.remember.withoutPassword',
  'with-password': 'connection.remember.withPassword',
};

type Outcome = { kind: 'tested'; test: ConnectionTest } | { kind: 'failed'; error: ErrorInfo; action: 'test' | 'open' } | null;

/** Tables a "no known layout" error lists, offered as the table to map. */
function tablesFound(error: ErrorInfo): string[] {
  const tables = error.details?.tables;
  return Array.isArray(tables) ? tables.filter((x): x is string => typeof x === 'string').slice(0, 30) : [];
}

export function ConnectionCard({ disabled, onOpened, store }: { disabled: boolean; onOpened: (opened: OpenedStore) => void; store: OpenedStore | null }) {
  const t = useT();
  const id = useId();
  const fieldId = (name: string) => `${id}-${name}`;
  const [draft, setDraft] = useState<ConnectionDraft>(emptyConnection);
  const [mapping, setMapping] = useState(emptyMapping);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [busy, setBusy] = useState<'test' | 'open' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [recentVersion, setRecentVersion] = useState(0);
  const [passwordNote, setPasswordNote] = useState<string | null>(null);
  const storage = useApi(() => api.passwordStorage(), []);
  const canSavePassword = storage.value?.available ?? false;
  const locked = disabled || busy !== null;

  function set<K extends keyof ConnectionDraft>(key: K, value: ConnectionDraft[K]) {
    setDraft((d) => editConnection(d, key, value));
    if (problem?.field === key) setProblem(null);
    // A test result describes the fields it was made with.
    if (outcome?.kind === 'tested') setOutcome(null);
  }

  function point(found: FieldProblem) {
    setProblem(found);
    document.getElementById(fieldId(found.field === 'table' ? 'map-table' : found.field))?.focus();
  }

  function request() {
    const built = connectionRequest(draft, mapping);
    if (!built.ok) {
      point(built.problem);
      return null;
    }
    setProblem(null);
    return built.input;
  }

  async function test() {
    const input = request();
    if (!input) return;
    setBusy('test');
    setOutcome(null);
    const result = await api.testConnection(input);
    setBusy(null);
    setOutcome(result.ok ? { kind: 'tested', test: result.value } : { kind: 'failed', error: result.error, action: 'test' });
  }

  async function open(event: FormEvent) {
    event.preventDefault();
    const input = request();
    if (!input) return;
    setBusy('open');
    setOutcome(null);
    const result = await api.openDatabase({ ...input, remember: draft.remember });
    setBusy(null);
    if (!result.ok) {
      setOutcome({ kind: 'failed', error: result.error, action: 'open' });
      return;
    }
    setRecentVersion((v) => v + 1);
    onOpened(result.value);
  }

  function pick(entry: RecentConnection) {
    setDraft(fromRecent(entry, draft.remember));
    setMapping(entry.mapping ? mappingFrom(entry.mapping.table, entry.mapping.map) : emptyMapping());
    setProblem(null);
    setOutcome(null);
    if (entry.hasSavedPassword) {
      setPasswordNote(t('connection.password.savedNote'));
    } else {
      setPasswordNote(t('connection.password.noneNote'));
      document.getElementById(fieldId('password'))?.focus();
    }
  }

  const fieldProps = (name: 'host' | 'port' | 'database' | 'user') => ({
    id: fieldId(name),
    'aria-invalid': problem?.field === name || undefined,
    'aria-describedby': problem?.field === name ? fieldId('problem') : undefined,
  });

  return (
    <section className="card" aria-labelledby={fieldId('title')} data-testid="connection-card">
      <header className="card-head">
        <h2 id={fieldId('title')}>{t('connection.title')}</h2>
        <span className="badge badge-readonly">{t('facts.readOnly')}</span>
      </header>
      <p className="muted">
        {t('connection.about')}
      </p>
      <form className="connection-form" onSubmit={(e) => void open(e)} noValidate>
        <div className="connection-grid">
          <label htmlFor={fieldId('host')}>{t('connection.host')}</label>
          <div className="connection-host">
            <input {...fieldProps('host')} type="text" className="mono" placeholder={t('connection.host.placeholder')} value={draft.host} onChange={(e) => set('host', e.target.value)} spellCheck={false} autoComplete="off" data-testid="connection-host" />
            <label htmlFor={fieldId('port')}>{t('connection.port')}</label>
            <input {...fieldProps('port')} type="text" inputMode="numeric" className="mono connection-port" value={draft.port} onChange={(e) => set('port', e.target.value)} autoComplete="off" data-testid="connection-port" />
          </div>
          <label htmlFor={fieldId('database')}>{t('facts.database')}</label>
          <input {...fieldProps('database')} type="text" className="mono" placeholder={t('connection.database.placeholder')} value={draft.database} onChange={(e) => set('database', e.target.value)} spellCheck={false} autoComplete="off" data-testid="connection-database" />
          <label htmlFor={fieldId('user')}>{t('connection.user')}</label>
          <input {...fieldProps('user')} type="text" className="mono" placeholder={t('connection.user.placeholder')} value={draft.user} onChange={(e) => set('user', e.target.value)} spellCheck={false} autoComplete="off" data-testid="connection-user" />
          <label htmlFor={fieldId('password')}>{t('connection.password')}</label>
          <input
            id={fieldId('password')}
            type="password"
            placeholder={draft.hasSavedPassword ? t('connection.password.saved') : ''}
            value={draft.password}
            onChange={(e) => set('password', e.target.value)}
            autoComplete="off"
            aria-describedby={passwordNote ? fieldId('password-note') : undefined}
            data-testid="connection-password"
          />
          <label htmlFor={fieldId('schema')}>
            {t('connection.schema')} <span className="muted small">{t('connection.optional')}</span>
          </label>
          <input id={fieldId('schema')} type="text" className="mono" placeholder={t('connection.schema.placeholder')} value={draft.schema} onChange={(e) => set('schema', e.target.value)} spellCheck={false} autoComplete="off" data-testid="connection-schema" />
          <label htmlFor={fieldId('ssl')}>{t('connection.ssl')}</label>
          <select id={fieldId('ssl')} value={draft.sslMode} onChange={(e) => set('sslMode', e.target.value as SslMode | '')} data-testid="connection-ssl">
            <option value="">{t('connection.ssl.default')}</option>
            {SSL_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(SSL_LABELS[mode])}
              </option>
            ))}
          </select>
        </div>
        {passwordNote && (
          <p className="muted small" id={fieldId('password-note')}>
            {passwordNote}
          </p>
        )}
        {problem && problem.field !== 'table' && (
          <p className="field-error" id={fieldId('problem')} role="alert" data-testid="connection-field-error">
            {problem.message}
          </p>
        )}
        <fieldset className="connection-remember">
          <legend>{t('connection.remember')}</legend>
          {(Object.keys(REMEMBER_LABELS) as RememberChoice[]).map((choice) => {
            const unavailable = choice === 'with-password' && !canSavePassword;
            return (
              <label key={choice} className="radio">
                <input
                  type="radio"
                  name={fieldId('remember')}
                  value={choice}
                  checked={draft.remember === choice}
                  onChange={() => set('remember', choice)}
                  disabled={unavailable}
                  aria-describedby={unavailable ? fieldId('remember-why') : undefined}
                />
                <span>{t(REMEMBER_LABELS[choice])}</span>
              </label>
            );
          })}
          {!canSavePassword && storage.value?.reason && (
            <p className="muted small" id={fieldId('remember-why')} data-testid="remember-password-unavailable">
              {errorMessage({ message: storage.value.reason, words: storage.value.reasonWords })}
            </p>
          )}
        </fieldset>
        <TableMapping
          mapping={mapping}
          onChange={(next) => {
            setMapping(next);
            if (problem?.field === 'table') setProblem(null);
          }}
          connection={() => {
            const built = connectionInput(draft);
            if (built.ok) return built.input;
            point(built.problem);
            return null;
          }}
          disabled={locked}
          idPrefix={id}
        />
        {problem?.field === 'table' && (
          <p className="field-error" role="alert" data-testid="connection-field-error">
            {problem.message}
          </p>
        )}
        <div className="open-actions">
          <button type="button" onClick={() => void test()} disabled={locked} data-testid="connection-test">
            {t('connection.test')}
          </button>
          <button type="submit" className="primary" disabled={locked} data-testid="connection-open">
            {t('start.openButton')}
          </button>
        </div>
      </form>
      {busy && <Loading label={busy === 'test' ? t('connection.testing') : t('app.connecting')} testId="connection-busy" />}
      <div data-testid="connection-message" aria-live="polite">
        {outcome?.kind === 'tested' && <TestResult test={outcome.test} />}
        {outcome?.kind === 'failed' && (
          <ErrorView error={outcome.error} testId="connection-error" title={outcome.action === 'test' ? t('connection.testFailed') : t('connection.openFailed')}>
            {tablesFound(outcome.error).length > 0 && (
              <span className="connection-tables">
                {t('connection.mapFound')}{' '}
                {tablesFound(outcome.error).map((table) => (
                  <button key={table} type="button" className="chip" onClick={() => setMapping({ ...mapping, enabled: true, table })}>
                    {table}
                  </button>
                ))}
              </span>
            )}
            {outcome.action === 'open' && store ? (
              <span className="muted">
                {t('start.stillOpen')}<SafeText text={baseName(store.info.path)} />
              </span>
            ) : null}
          </ErrorView>
        )}
      </div>
      <RecentConnections key={recentVersion} onPick={pick} disabled={locked} selectedId={draft.recentId} />
    </section>
  );
}

function TestResult({ test }: { test: ConnectionTest }) {
  const t = useT();
  return (
    <div className="status connection-ok" role="status" data-testid="connection-ok">
      <div className="status-title">{t('connection.connected')}</div>
      <dl className="facts">
        <dt>{t('connection.server')}</dt>
        <dd data-testid="connection-server">{test.serverVersion}</dd>
        <dt>{t('facts.layout')}</dt>
        <dd data-testid="connection-layout">{test.layout}</dd>
        <dt>{t('facts.access')}</dt>
        <dd data-testid="connection-readonly">
          {test.readOnly ? (
            <span className="badge badge-readonly">{t('facts.readOnly')}</span>
          ) : (
            <>
              <span className="badge badge-warning">{t('connection.notReadOnly')}</span> <span className="muted small">{t('connection.couldWrite')}</span>
            </>
          )}
        </dd>
        {test.events !== undefined && (
          <>
            <dt>{t('streams.col.events')}</dt>
            <dd data-testid="connection-events">{formatCount(test.events)}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
