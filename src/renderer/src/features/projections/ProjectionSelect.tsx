// A projection to compare with: the stream's own (auto) or any the engine offers, built-in or from
// the projections folder. Unlike ProjectionPicker it does not navigate: what-if has two of them.
import { useT } from '../../i18n/index.ts';
import { ProjectionOptions, useProjectionList } from './ProjectionOptions.tsx';

export function ProjectionSelect({ label, value, onChange, testId }: { label: string; value: string; onChange: (name: string) => void; testId: string }) {
  const t = useT();
  const list = useProjectionList();
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{t('projection.auto')}</option>
        <ProjectionOptions list={list} />
      </select>
    </label>
  );
}
