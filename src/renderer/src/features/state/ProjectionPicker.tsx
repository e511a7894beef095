// Which projection folds the stream: the one the engine picks for the stream's category (auto), or
// any other, e.g. 'generic' to see every event's data merged as it was written.
import { ProjectionOptions, useProjectionList } from '../projections/ProjectionOptions.tsx';

export function ProjectionPicker({ value, active, onChange }: { value: string | null; active: string | null; onChange: (name: string | null) => void }) {
  // The projections folder's modules come and go with hot reload.
  const list = useProjectionList();
  return (
    <label className="toolbar-field" title={list?.find((p) => p.name === active)?.description}>
      Projection
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid="projection-picker">
        <option value="">auto{!value && active ? ` (${active})` : ''}</option>
        <ProjectionOptions list={list} />
      </select>
    </label>
  );
}
