// ledger import: a file or a database into a new store. Apart from `ledger export` (transfer.ts), so
// that an import's process holds only what the import needs on this thread: the import itself runs
// on its own thread (workerImport.ts), and export's modules (the replay engine, verify, masking,
// signing) cost ~40 MB of RSS here for nothing.
import { parseMappingArgs } from '../../main/import/fieldMapping.ts';
import type { ImportReport } from '../../main/import/importEvents.ts';
import { importOnThread } from '../../main/import/workerImport.ts';
import type { ImportFormat } from '../../main/import/sources.ts';
import { isPgUrl } from '../../main/adapters/postgres/target.ts';
import { parse, required, storePath } from '../args.ts';
import { json, number } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';
import { progressLine } from '../progressLine.ts';
import { t } from '../i18n/index.ts';

export const importHelp = (): string => t('help.import');

export async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, format: { type: 'string' }, map: { type: 'string', multiple: true }, 'skip-bad': { type: 'boolean' } });
  const input = positionals[0] ?? (typeof values.store === 'string' ? values.store : undefined);
  if (!input) throw new UsageError(t('import.whichFile'));
  const format = values.format as ImportFormat | undefined;
  if (format && !['ndjson', 'json', 'csv', 'store'].includes(format)) throw new UsageError(t('import.formatBad', { format }));
  // A database is copied as a store. There --map belongs to --table (the table's columns, as in
  // every command); for files it maps record fields (target=source).
  const database = isPgUrl(input);
  if (database && format && format !== 'store') throw new UsageError(t('import.databaseFormat', { format }));
  if (!database && values.table !== undefined) throw new UsageError(t('import.tableNeedsUrl'));
  const table = database ? storePath({ store: input, table: values.table, map: values.map }, []) : null;
  const show = progressLine(io);
  const controller = new AbortController();
  // Ctrl-C cancels the copy (and the database's query); no half-made store is left behind.
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  let report: ImportReport;
  try {
    // On the import's own thread: its memory churn stays in a young generation of the thread's size.
    report = await importOnThread({
      input,
      out: required(values.out, 'out'),
      format: database ? 'store' : format,
      ...(table ? { table: table.table, tableMap: table.map } : { mapping: parseMappingArgs(values.map ?? []) }),
      skipBad: values['skip-bad'],
      signal: controller.signal,
      onProgress: (p) => show(p.done, p.total),
    });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  if (values.json) {
    io.stdout(json(report));
    return 0;
  }
  const rate = number(Math.round(report.records / Math.max(report.seconds, 0.001)));
  io.stdout(`${t('import.imported', { events: number(report.events), streams: number(report.streams), input: report.input, format: report.format, out: report.out, seconds: report.seconds.toFixed(1), rate })}\n`);
  if (report.bytesPerEvent !== null) io.stdout(`${t('import.size', { mb: (report.storeBytes / 1e6).toFixed(1), perEvent: number(report.bytesPerEvent) })}\n`);
  if (report.duplicates) io.stdout(`${t('import.duplicates', { n: number(report.duplicates) })}\n`);
  if (report.sourceVersions) io.stdout(`${report.sourceVersions.note}\n`);
  if (report.renumberedStreams) io.stdout(`${t('import.renumbered', { n: number(report.renumberedStreams) })}\n`);
  if (report.timeDefaulted) io.stdout(`${t('import.timeDefaulted', { n: number(report.timeDefaulted) })}\n`);
  if (report.skippedCount) io.stdout(`${t('import.skipped', { n: number(report.skippedCount), report: report.reportPath })}\n`);
  io.stdout(`${t('import.chainHead', { head: report.chainHead ?? t('import.emptyStore') })}\n`);
  if (report.format === 'store') io.stdout(`${t('import.recordHead', { out: report.out })}\n`);
  return 0;
}

