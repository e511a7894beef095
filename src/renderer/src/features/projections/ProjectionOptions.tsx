// The projections the engine offers as <option>s, kept current through hot reload: each chosen by
// its name, or name@version when two versions of it are in the folder. Shared by every picker.
import { useT } from '../../i18n/index.ts';
import { api } from '../../api.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { useApi } from '../../lib/useApi.ts';
import { projectionRef } from '../../../../shared/projections.ts';
import type { ProjectionInfo } from '../../../../shared/replay.ts';

/** The list, re-asked when the projections folder changes. */
export function useProjectionList(): ProjectionInfo[] | null {
  const { projectionsKey } = useStore();
  return useApi(() => api.listProjections(), [projectionsKey]).value ?? null;
}

export function ProjectionOptions({ list }: { list: ProjectionInfo[] | null }) {
  const t = useT();
  return (
    <>
      {(list ?? []).map((p, _i, all) => (
        <option key={`${p.name}@${p.version}`} value={projectionRef(p, all)}>
          {p.name} {t('common.v', { version: p.version })}
          {p.origin && p.origin.kind !== 'built-in' ? ` (${p.origin.file ?? p.origin.kind})` : t('projection.builtInSuffix')}
        </option>
      ))}
    </>
  );
}
