// A projection to compare with: the stream's own (auto) or any the engine offers, built-in or from
// the projections folder. Unlike ProjectionPicker it does not navigate: what-if has two of them.
import { api } from '../../api.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { useApi } from '../../lib/useApi.ts';
import { projectionRef } from '../../../../shared/projections.ts';

export function ProjectionSelect({ label, value, onChange, testId }: { label: string; value: string; onChange: (name: string) => void; testId: string }) {
  const { projectionsKey } = useStore();
  const list = useApi(() => api.listProjections(), [projectionsKey]);
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">the stream’s own (auto)</option>
        {(list.value ?? []).map((p, _i, all) => (
          <option key={`${p.name}@${p.version}`} value={projectionRef(p, all)}>
            {p.name} v{p.version}
            {p.origin && p.origin.kind !== 'built-in' ? ` (${p.origin.file ?? p.origin.kind})` : ' (built-in)'}
          </option>
        ))}
      </select>
    </label>
  );
}
