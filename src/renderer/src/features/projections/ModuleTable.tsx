// The files of the projections folder: each module's name, version, the streams it applies to and
// its kind, or why it did not load (with the line in the file).
import { Message } from '../../i18n/Message.tsx';
import { useT } from '../../i18n/index.ts';
import type { ProjectionModuleInfo } from '../../../../shared/projections.ts';
import { formatTime, otherZoneTitle } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { failureKindText, failureText, failureWhere } from './failureText.ts';

export function ModuleTable({ modules }: { modules: ProjectionModuleInfo[] }) {
  const t = useT();
  return (
    <table className="mini-table projection-modules" data-testid="projection-modules">
      <thead>
        <tr>
          <th>{t('modules.file')}</th>
          <th>{t('modules.name')}</th>
          <th>{t('modules.version')}</th>
          <th>{t('modules.applies')}</th>
          <th>{t('modules.kind')}</th>
          <th>{t('modules.status')}</th>
        </tr>
      </thead>
      <tbody>
        {modules.map((m) => (
          <tr key={m.file} data-testid="projection-module" data-file={m.file} data-loaded={String(m.error === null)} data-hash={m.contentHash ?? ''}>
            <td className="mono">
              <SafeText text={m.file} max={200} />
            </td>
            <td data-testid="projection-module-name">
              {m.name === null ? <span className="muted">—</span> : <SafeText text={m.name} max={120} />}
              {m.overridesBuiltIn && (
                <span className="badge badge-warning projection-overrides" title={t('modules.overrides.title')} data-testid="projection-module-overrides">
                  {t('modules.overrides')}
                </span>
              )}
            </td>
            <td data-testid="projection-module-version">{m.version ?? <span className="muted">—</span>}</td>
            <td data-testid="projection-module-applies">
              {m.chosenOnly ? (
                <span className="muted" title={t('modules.chosenOnly.title')} data-testid="projection-module-chosen-only">
                  <Message k="modules.chosenOnly" values={{ name: m.chosenOnly }} components={{ code: <code /> }} />
                </span>
              ) : m.appliesTo === null ? (
                <span className="muted">—</span>
              ) : (
                <SafeText text={m.appliesTo} max={300} />
              )}
            </td>
            <td>{m.kind === 'module' ? t('modules.kind.module') : t('modules.kind.rules')}</td>
            <td>
              {m.error ? (
                <span className="projection-module-error" data-testid="projection-module-error">
                  {t('modules.failed', { kind: failureKindText(m.error.kind) })}<SafeText text={failureText(m.error)} max={1000} />
                  {failureWhere(m.error) && (
                    <>
                      {' '}
                      (<span className="mono" data-testid="projection-module-error-where"><SafeText text={failureWhere(m.error) ?? ''} max={300} /></span>)
                    </>
                  )}
                </span>
              ) : (
                <span className="badge badge-succeeded" title={t('modules.loaded.title', { time: otherZoneTitle(m.loadedAt) ?? '' })}>
                  {t('modules.loaded', { time: formatTime(m.loadedAt) })}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
