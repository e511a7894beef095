// --projections DIR for the replay commands: load the folder, warn about the files that did not
// load, hand the engine the folder's projections ahead of the built-ins, and always close the
// catalog (its sandbox workers would otherwise keep the process alive).
import { LedgerError } from '../../main/errors.ts';
import { loadProjectionFolder, type ProjectionFolderOptions } from '../../main/projections/catalog.ts';
import { replayProjections } from '../../main/projections/replayProjections.ts';
import type { Projection } from '../../main/replay/projection.ts';
import type { ProjectionModuleInfo } from '../../shared/projections.ts';
import { safeText } from '../format.ts';
import type { CliIo } from '../io.ts';
import { t } from '../i18n/index.ts';

export const PROJECTIONS_OPTION = { projections: { type: 'string' } } as const;

/** "library.projection.js:3: evolve threw: …" — where first, as compilers print it. */
export function loadErrorLine(module: ProjectionModuleInfo): string {
  const error = module.error!;
  const where = error.line ? `${module.file}:${error.line}${error.column ? `:${error.column}` : ''}` : module.file;
  return safeText(`${where}: ${error.message}`);
}

/** library.projection.ts → library: what people call a module whose name could not be read. */
const stem = (file: string) => file.replace(/\.projection\.[^.]+$/i, '');

/**
 * Runs `run` with the projections the engine should use: undefined without a folder (the engine's
 * built-ins). Load errors are warnings, unless `chosen` (--projection) is a file that failed.
 */
export async function withProjections<T>(
  folder: string | undefined,
  chosen: string | undefined,
  io: CliIo,
  run: (projections: readonly Projection<any>[] | undefined) => Promise<T>,
  options: ProjectionFolderOptions = {},
): Promise<T> {
  if (folder === undefined) return run(undefined);
  const catalog = await loadProjectionFolder(folder, options);
  try {
    const failed = catalog.info().modules.filter((m) => m.error);
    for (const module of failed) io.stderr(`${t('projections.warning', { line: loadErrorLine(module) })}\n`);
    if (chosen !== undefined && !catalog.projections.some((p) => p.name === chosen)) {
      const broken = failed.find((m) => m.name === chosen || stem(m.file) === chosen);
      if (broken) throw new LedgerError('NOT_FOUND', t('projections.didNotLoad', { name: safeText(chosen), line: loadErrorLine(broken) }), { file: broken.file });
    }
    return await run(replayProjections(catalog.projections));
  } finally {
    await catalog.close();
  }
}
