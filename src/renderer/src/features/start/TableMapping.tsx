// "Map a table": for an events table no known layout describes, which column holds each field the
// viewer needs (the CLI's --table/--map), a preview of the first rows as the viewer would show them,
// and named profiles saved beside the recent connections.
import { useT, type MessageKey } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { useState } from 'react';
import type { Input, MappingPreview, MappingProfile, TableMapTarget } from '../../../../shared/contract.ts';
import { REQUIRED_TABLE_MAP_TARGETS, TABLE_MAP_TARGETS } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatTime } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';
import { compactMap, mappingFrom, type MappingDraft } from './connectionForm.ts';

const TARGET_LABELS: Record<TableMapTarget, { label: MessageKey; hint: MessageKey }> = {
  streamId: { label: 'import.target.streamId', hint: 'mapping.hint.streamId' },
  version: { label: 'import.target.version', hint: 'mapping.hint.version' },
  type: { label: 'timeline.col.type', hint: 'mapping.hint.type' },
  data: { label: 'import.target.data', hint: 'mapping.hint.data' },
  metadata: { label: 'import.target.metadata', hint: 'mapping.hint.metadata' },
  time: { label: 'mapping.time', hint: 'mapping.hint.time' },
  position: { label: 'timeline.col.position', hint: 'mapping.hint.position' },
  eventId: { label: 'import.target.eventId', hint: 'mapping.hint.eventId' },
};

const isRequired = (target: TableMapTarget) => (REQUIRED_TABLE_MAP_TARGETS as readonly string[]).includes(target);

function dataPreview(data: unknown): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return text === undefined ? '' : text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

type ConnectionInput = Omit<Input<'store/testConnection'>, 'mapping'>;

export function TableMapping({
  mapping,
  onChange,
  connection,
  disabled,
  idPrefix,
}: {
  mapping: MappingDraft;
  onChange: (next: MappingDraft) => void;
  /** The form's connection fields, or null after pointing at the field that is wrong. */
  connection: () => ConnectionInput | null;
  disabled: boolean;
  idPrefix: string;
}) {
  const t = useT();
  const profiles = useApi(() => api.mappingProfiles(), []);
  const [saved, setSaved] = useState<MappingProfile[] | null>(null);
  const list = saved ?? profiles.value ?? [];
  const [preview, setPreview] = useState<MappingPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [profileName, setProfileName] = useState('');
  const [profileNote, setProfileNote] = useState<string | null>(null);
  const id = (name: string) => `${idPrefix}-map-${name}`;
  const columns = preview?.columns ?? [];

  const setColumn = (target: TableMapTarget, column: string) => onChange({ ...mapping, map: { ...mapping.map, [target]: column } });

  async function runPreview() {
    setError(null);
    const table = mapping.table.trim();
    if (!table) {
      setError({ code: 'INVALID_INPUT', message: t('mapping.typeTable') });
      document.getElementById(id('table'))?.focus();
      return;
    }
    const base = connection();
    if (!base) return;
    setPreviewing(true);
    const result = await api.previewMapping({ ...base, table, map: compactMap(mapping.map) });
    setPreviewing(false);
    if (result.ok) setPreview(result.value);
    else setError(result.error);
  }

  function applySuggestions() {
    if (!preview?.suggested) return;
    const map = { ...mapping.map };
    for (const target of TABLE_MAP_TARGETS) if (!map[target].trim() && preview.suggested[target]) map[target] = preview.suggested[target]!;
    onChange({ ...mapping, map });
  }

  function pickProfile(name: string) {
    const profile = list.find((p) => p.name === name);
    if (profile) onChange(mappingFrom(profile.table, profile.map));
  }

  async function saveProfile() {
    setProfileNote(null);
    const name = profileName.trim();
    if (!name || !mapping.table.trim()) {
      setError({ code: 'INVALID_INPUT', message: name ? t('mapping.tableBeforeSave') : t('mapping.nameFirst') });
      return;
    }
    const result = await api.saveMappingProfile({ name, table: mapping.table.trim(), map: compactMap(mapping.map) });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSaved(result.value);
    setProfileNote(t('mapping.savedAs', { name }));
  }

  async function deleteProfile(name: string) {
    const result = await api.deleteMappingProfile({ name });
    if (result.ok) setSaved(result.value);
    else setError(result.error);
  }

  const selectedProfile = list.find((p) => p.table === mapping.table.trim() && JSON.stringify(compactMap(mapping.map)) === JSON.stringify(p.map))?.name ?? '';

  return (
    <div className="table-mapping" data-testid="table-mapping">
      <label className="connection-check">
        <input type="checkbox" checked={mapping.enabled} onChange={(e) => onChange({ ...mapping, enabled: e.target.checked })} disabled={disabled} data-testid="map-table-toggle" />
        <span>
          {t('mapping.toggle')} <span className="muted small">{t('mapping.toggle.about')}</span>
        </span>
      </label>
      {mapping.enabled && (
        <fieldset className="mapping-fields" disabled={disabled}>
          <legend>{t('mapping.title')}</legend>
          {list.length > 0 && (
            <div className="connection-row">
              <label htmlFor={id('profile')}>{t('mapping.profile')}</label>
              <select id={id('profile')} value={selectedProfile} onChange={(e) => pickProfile(e.target.value)} data-testid="mapping-profile">
                <option value="">{t('mapping.profile.choose')}</option>
                {list.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name} ({p.table})
                  </option>
                ))}
              </select>
              {selectedProfile && (
                <button type="button" className="link-button" onClick={() => void deleteProfile(selectedProfile)}>
                  {t('mapping.profile.delete')}
                </button>
              )}
            </div>
          )}
          <div className="connection-grid">
            <label htmlFor={id('table')}>{t('mapping.table')}</label>
            <input
              id={id('table')}
              type="text"
              className="mono"
              placeholder={t('mapping.table.placeholder')}
              value={mapping.table}
              onChange={(e) => onChange({ ...mapping, table: e.target.value })}
              spellCheck={false}
              autoComplete="off"
              data-testid="map-table"
            />
            {TABLE_MAP_TARGETS.map((target) => (
              <MapField key={target} target={target} id={id(target)} value={mapping.map[target]} onChange={(v) => setColumn(target, v)} listId={columns.length ? id('columns') : undefined} missing={preview?.missing.includes(target) ?? false} />
            ))}
          </div>
          {columns.length > 0 && (
            <datalist id={id('columns')}>
              {columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.type}
                </option>
              ))}
            </datalist>
          )}
          <div className="open-actions">
            <button type="button" onClick={() => void runPreview()} data-testid="mapping-preview-button">
              {t('import.preview')}
            </button>
            <input id={id('profile-name')} type="text" aria-label={t('mapping.profile.name')} placeholder={t('mapping.profile.name')} value={profileName}
              onChange={(e) => setProfileName(e.target.value)}
              onKeyDown={(e) => {
                // Enter here saves the profile; elsewhere in the form it opens the connection.
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void saveProfile();
                }
              }}
              data-testid="mapping-profile-name"
            />
            <button type="button" onClick={() => void saveProfile()} data-testid="mapping-save-profile">
              {t('mapping.profile.save')}
            </button>
            {profileNote && (
              <span className="muted small" role="status">
                {profileNote}
              </span>
            )}
          </div>
          {previewing && <Loading label={t('mapping.reading')} />}
          {error && <ErrorView error={error} testId="mapping-error" />}
          {preview && !previewing && <PreviewView preview={preview} onSuggest={applySuggestions} />}
        </fieldset>
      )}
    </div>
  );
}

function MapField({ target, id, value, onChange, listId, missing }: { target: TableMapTarget; id: string; value: string; onChange: (v: string) => void; listId: string | undefined; missing: boolean }) {
  const t = useT();
  const info = TARGET_LABELS[target];
  return (
    <>
      <label htmlFor={id} title={t(info.hint)}>
        {t(info.label)}
        {isRequired(target) ? '' : <span className="muted small"> {t('connection.optional')}</span>}
      </label>
      <input
        id={id}
        type="text"
        className="mono"
        placeholder={t(info.hint)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        list={listId}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={missing || undefined}
        data-testid={`map-${target}`}
      />
    </>
  );
}

function PreviewView({ preview, onSuggest }: { preview: MappingPreview; onSuggest: () => void }) {
  const t = useT();
  const suggestions = Object.keys(preview.suggested ?? {}).length > 0;
  return (
    <div className="mapping-preview" data-testid="mapping-preview">
      <h4>
        <Message k="mapping.columns" values={{ table: preview.table }} components={{ code: <span className="mono" /> }} />
      </h4>
      <div className="mapping-columns">
        {preview.columns.map((c) => (
          <span key={c.name} className="chip" title={c.type}>
            {c.name} <span className="muted">{c.type}</span>
          </span>
        ))}
      </div>
      {preview.missing.length > 0 && (
        <p className="mapping-missing" data-testid="mapping-missing">
          {t('mapping.stillToMap', { targets: preview.missing.map((m) => t(TARGET_LABELS[m].label)).join(t('filters.listSeparator')) })}{' '}
          {suggestions && (
            <button type="button" className="link-button" onClick={onSuggest}>
              {t('mapping.suggest')}
            </button>
          )}
        </p>
      )}
      {preview.rows.length > 0 && (
        <div className="mapping-sample-scroll">
          <table className="mini-table mapping-sample">
            <thead>
              <tr>
                <th className="num">{t('timeline.col.position')}</th>
                <th>{t('timeline.col.stream')}</th>
                <th className="num">{t('timeline.col.version')}</th>
                <th>{t('timeline.col.type')}</th>
                <th>{t('mapping.time')}</th>
                <th>{t('search.detail.data')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row, index) =>
                row.event ? (
                  <tr key={index}>
                    <td className="num">{row.event.position}</td>
                    <td className="cell-ellipsis mono">
                      <SafeText text={row.event.streamId} max={80} />
                    </td>
                    <td className="num">
                      {row.event.version}
                      {row.event.sourceVersion !== undefined && row.event.sourceVersion !== row.event.version && <span className="muted small">{t('mapping.source', { version: row.event.sourceVersion })}</span>}
                    </td>
                    <td className="cell-ellipsis">
                      <SafeText text={row.event.type} max={80} />
                    </td>
                    <td className="cell-nowrap">{formatTime(row.event.recordedAt)}</td>
                    <td className="cell-ellipsis mono data-cell">
                      <SafeText text={dataPreview(row.event.data)} />
                    </td>
                  </tr>
                ) : (
                  <tr key={index} className="mapping-row-error">
                    <td className="num">{index + 1}</td>
                    <td colSpan={5}>
                      {row.field ? t('mapping.fieldPrefix', { field: t(TARGET_LABELS[row.field].label) }) : ''}
                      <SafeText text={row.error ?? t('mapping.unreadable')} max={400} />
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
