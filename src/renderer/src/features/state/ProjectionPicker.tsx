// Which projection folds the stream: the one the engine picks for the stream's category (auto), or
// any other, e.g. 'generic' to see every event's data merged as it was written.
import { ProjectionOptions, useProjectionList } from '../projections/ProjectionOptions.tsx';
import { useT } from '../../i18n/index.ts';

export function ProjectionPicker({ value, active, onChange }: { value: string | null; active: string | null; onChange: (name: string | null) => void }) {
  const t = useT();
  // The projections folder's modules come and go with hot reload.
  const list = useProjectionList();
  return (
    <label className="toolbar-field" title={list?.find((p) => p.name === active)?.description}>
      {t('state.projection')}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid="projection-picker">
        <option value="">{!value && active ? t('state.projection.autoActive', { name: active }) : t('state.projection.auto')}</option>
        <ProjectionOptions list={list} />
      </select>
    </label>
  );
}
