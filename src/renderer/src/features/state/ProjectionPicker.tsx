// Which projection folds the stream: the one the engine picks for the stream's category (auto), or
// any other, e.g. 'generic' to see every event's data merged as it was written.
import { api } from '../../api.ts';
import { useApi } from '../../lib/useApi.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { projectionRef } from '../../../../shared/projections.ts';

export function ProjectionPicker({ value, active, onChange }: { value: string | null; active: string | null; onChange: (name: string | null) => void }) {
  // The projections folder's modules come and go with hot reload.
  const { projectionsKey } = useStore();
  const list = useApi(() => api.listProjections(), [projectionsKey]);
  return (
    <label className="toolbar-field" title={list.value?.find((p) => p.name === active)?.description}>
      Projection
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid="projection-picker">
        <option value="">auto{!value && active ? ` (${active})` : ''}</option>
        {(list.value ?? []).map((p, _i, all) => (
          <option key={`${p.name}@${p.version}`} value={projectionRef(p, all)}>
            {p.name} v{p.version}
            {p.origin && p.origin.kind !== 'built-in' ? ` (${p.origin.file ?? p.origin.kind})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
