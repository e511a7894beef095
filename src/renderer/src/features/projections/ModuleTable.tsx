// The files of the projections folder: each module's name, version, the streams it applies to and
// its kind, or why it did not load (with the line in the file).
import type { ProjectionModuleInfo } from '../../../../shared/projections.ts';
import { formatTime, localTimeTitle } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { failureKindText, failureWhere } from './failureText.ts';

export function ModuleTable({ modules }: { modules: ProjectionModuleInfo[] }) {
  return (
    <table className="mini-table projection-modules" data-testid="projection-modules">
      <thead>
        <tr>
          <th>File</th>
          <th>Name</th>
          <th>Version</th>
          <th>Applies to</th>
          <th>Kind</th>
          <th>Status</th>
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
                <span className="badge badge-warning projection-overrides" title="Its name is a built-in projection's: this file is used instead of the built-in." data-testid="projection-module-overrides">
                  replaces the built-in
                </span>
              )}
            </td>
            <td data-testid="projection-module-version">{m.version ?? <span className="muted">—</span>}</td>
            <td data-testid="projection-module-applies">
              {m.chosenOnly ? (
                <span className="muted" title="A higher version of this projection is in the folder and applies to these streams" data-testid="projection-module-chosen-only">
                  only when chosen as <code>{m.chosenOnly}</code> (a newer version applies)
                </span>
              ) : m.appliesTo === null ? (
                <span className="muted">—</span>
              ) : (
                <SafeText text={m.appliesTo} max={300} />
              )}
            </td>
            <td>{m.kind === 'module' ? 'code module (sandboxed)' : 'declarative rules'}</td>
            <td>
              {m.error ? (
                <span className="projection-module-error" data-testid="projection-module-error">
                  Did not load: {failureKindText(m.error.kind)} — <SafeText text={m.error.message} max={1000} />
                  {failureWhere(m.error) && (
                    <>
                      {' '}
                      (<span className="mono" data-testid="projection-module-error-where"><SafeText text={failureWhere(m.error) ?? ''} max={300} /></span>)
                    </>
                  )}
                </span>
              ) : (
                <span className="badge badge-succeeded" title={`Loaded ${localTimeTitle(m.loadedAt) ?? ''}`}>
                  loaded {formatTime(m.loadedAt)}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
