// ledger import / ledger export: moving events in and out of stores from a terminal.
import { exportEventsSigned } from '../../main/export/manifest.ts';
import type { EventFormat } from '../../main/export/eventFormats.ts';
import { parseMappingArgs } from '../../main/import/fieldMapping.ts';
import type { ImportReport } from '../../main/import/importEvents.ts';
import { importOnThread } from '../../main/import/workerImport.ts';
import type { ImportFormat } from '../../main/import/sources.ts';
import type { EventScope } from '../../main/store/eventStore.ts';
import { integer, parse, required, storePath, timeRangeArgs, type StoreTarget } from '../args.ts';
import { isPgUrl } from '../../main/adapters/postgres/target.ts';
import { describeInterruption, json, number, safeText } from '../format.ts';
import { exportDiffSigned, exportStateSigned } from '../../main/export/replayExports.ts';
import { createReplayEngine } from '../../main/replay/replayEngine.ts';
import { PROJECTIONS_OPTION, withProjections } from './withProjections.ts';
import { UsageError, type CliIo } from '../io.ts';
import { withStore } from './withStore.ts';
import { verify } from '../../main/verify/verify.ts';
import { manifestIntegrity, statusFromReport } from '../../main/verify/integrityStatus.ts';
import type { ManifestIntegrity } from '../../shared/verify.ts';
import type { EventStoreReader as Reader } from '../../main/store/eventStore.ts';
import { describeSignature, SIGN_OPTION, signingEvidence } from './signOption.ts';
import { MASKING_HELP, MASKING_OPTIONS, maskingOptionsFromArgs, type MaskingArgValues } from '../maskingArgs.ts';
import { openBundleMasking, secretNotice, type BundleMasking } from '../../main/masking/bundleMasking.ts';
import { t } from '../i18n/index.ts';

/** The store's verification verdict for the manifest: verified now, unless skipped or impossible. */
export async function verdictFor(store: Reader, skip: boolean): Promise<ManifestIntegrity> {
  // cli-verbatim: a manifest field (file content), not a sentence on screen
  if (skip) return { status: 'not-checked', reason: 'skipped with --no-verify' };
  if (!store.info.hasIntegrityChain) return { status: 'no-chain' };
  return manifestIntegrity(statusFromReport(0, await verify(store)));
}

export const importHelp = (): string => t('help.import');

export const exportHelp = (): string => t('help.export', { masking: MASKING_HELP() });

/** --state / --diff: the replay engine's answer written with its manifest (replayExports.ts). */
async function exportReplay(
  values: {
    state?: boolean;
    diff?: boolean;
    stream?: string;
    at?: string;
    from?: string;
    to?: string;
    format?: string;
    out?: string;
    projection?: string;
    projections?: string;
    'include-skipped'?: boolean;
    'no-verify'?: boolean;
    sign?: boolean;
    json?: boolean;
  },
  where: StoreTarget,
  io: CliIo,
  openMasking: () => BundleMasking | null,
): Promise<number> {
  let masking: BundleMasking | null = null;
  if (values.state && values.diff) throw new UsageError(t('export.stateOrDiff'));
  const streamId = required(values.stream, 'stream');
  const out = required(values.out, 'out');
  const includeSkipped = values['include-skipped'] === true;
  const format = values.diff ? (values.format ?? 'json') : 'json';
  if (format !== 'json' && format !== 'html') throw new UsageError(t('export.diffFormat', { format }));
  if (values.state && values.format !== undefined && values.format !== 'json') throw new UsageError(t('export.stateFormat'));
  const evidence = signingEvidence(values.sign, io);
  const written = await withProjections(values.projections, values.projection, io, (projections) =>
    withStore(where, async (store) => {
      const integrity = await verdictFor(store, values['no-verify'] === true);
      const engine = createReplayEngine(store, { projections });
      masking = openMasking();
      if (values.state) {
        const version = integer(values.at, 'at', 0) ?? (await store.getStream(streamId))?.version ?? 0;
        const { file, manifest, state } = await exportStateSigned(store, engine, { streamId, version, projection: values.projection, includeSkipped, out, masker: masking?.masker }, integrity, evidence);
        return { file, manifest, interrupted: state.interrupted, what: t('export.whatState', { stream: streamId, version: state.version, projection: state.projection.name }) };
      }
      const from = required(integer(values.from, 'from', 0), 'from');
      const to = required(integer(values.to, 'to', 0), 'to');
      const { file, manifest, diff } = await exportDiffSigned(store, engine, { streamId, from, to, projection: values.projection, includeSkipped, format, out, masker: masking?.masker }, integrity, evidence);
      return { file, manifest, interrupted: diff.interrupted, what: t('export.whatDiff', { stream: streamId, from: diff.from.version, to: diff.to.version, projection: diff.projection.name }) };
    }),
  );
  if (values.json) io.stdout(json({ path: written.file.path, bytes: written.file.bytes, sha256: written.file.sha256, manifestPath: written.manifest.path, manifest: written.manifest.manifest, ...maskingJson(masking) }));
  else {
    io.stdout(`${t('export.exportedReplay', { what: safeText(written.what), path: written.file.path, bytes: number(written.file.bytes), sha256: written.file.sha256, manifest: written.manifest.path })}\n`);
    io.stdout(describeSignature(written.manifest.manifest, written.manifest.path, written.manifest.signaturePath));
    if (written.interrupted) io.stdout(`${describeInterruption(written.interrupted)}\n`);
    if (masking) io.stdout(maskingLines(masking));
  }
  return 0;
}

/** What a masked export tells the auditor: how much was masked and where the secret is kept. */
function maskingLines(masking: BundleMasking): string {
  const summary = masking.masker.summary();
  return `${t('mask.masked', { values: number(summary.maskedValues), rules: summary.rules.length })}\n${secretNotice(masking.secret)}\n`;
}

const maskingJson = (masking: BundleMasking | null) => (masking ? { maskingSecretFile: masking.secret.file } : {});

const progressLine = (io: CliIo) => {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (!io.interactive || (now - last < 200 && done < total)) return;
    last = now;
    io.stderr(`\r  ${total ? Math.floor((done / total) * 100) : 0}%`);
    if (done >= total) io.stderr('\n');
  };
};

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

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    stream: { type: 'string' },
    all: { type: 'boolean' },
    from: { type: 'string' },
    to: { type: 'string' },
    'from-position': { type: 'string' },
    'to-position': { type: 'string' },
    'from-time': { type: 'string' },
    'to-time': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    'no-verify': { type: 'boolean' },
    state: { type: 'boolean' },
    diff: { type: 'boolean' },
    at: { type: 'string' },
    projection: { type: 'string' },
    'include-skipped': { type: 'boolean' },
    ...SIGN_OPTION,
    ...PROJECTIONS_OPTION,
    ...MASKING_OPTIONS,
  });
  const where = storePath(values, positionals);
  // Rules are checked now; the bundle's secret is made only once the export is sure to run.
  const maskingRequest = maskingOptionsFromArgs(values as MaskingArgValues);
  const openMasking = () => (maskingRequest ? openBundleMasking(maskingRequest) : null);
  if (values.state || values.diff) return exportReplay(values, where, io, openMasking);
  if (Boolean(values.stream) === Boolean(values.all)) throw new UsageError(t('export.streamOrAll'));
  const format = required(values.format, 'format') as EventFormat;
  if (!['ndjson', 'json', 'csv'].includes(format)) throw new UsageError(t('export.formatBad', { format }));
  const time = timeRangeArgs(values);
  if (values.stream && time.description) throw new UsageError(t('export.timeNeedsAll'));
  const times = { ...(time.fromTime !== undefined ? { fromTime: time.fromTime } : {}), ...(time.toTime !== undefined ? { toTime: time.toTime } : {}) };
  const scope: EventScope = values.stream
    ? { kind: 'stream', streamId: values.stream, fromVersion: integer(values.from, 'from', 0), toVersion: integer(values.to, 'to', 0) }
    : { kind: 'all', fromPosition: integer(values['from-position'], 'from-position', 0), toPosition: integer(values['to-position'], 'to-position', 0), ...times };
  const show = progressLine(io);
  // Signed: a manifest (<out>.manifest.json) beside the file; `ledger verify-export` re-checks it.
  const out = required(values.out, 'out');
  const evidence = signingEvidence(values.sign, io);
  let masking: BundleMasking | null = null;
  const result = await withStore(where, async (store) => {
    const integrity = await verdictFor(store, values['no-verify'] === true);
    if (integrity.status === 'findings') io.stderr(`${t('export.failsVerification', { path: store.info.path, n: number(integrity.findings.count) })}\n`);
    masking = openMasking();
    return exportEventsSigned(store, { scope, format, out, onProgress: (p) => show(p.done, p.total), masker: masking?.masker }, integrity, evidence);
  });
  if (values.json) io.stdout(json({ ...result, ...maskingJson(masking) }));
  else {
    if (masking) io.stdout(maskingLines(masking));
    if (time.description) io.stdout(`${t('export.showing', { range: time.description })}\n`);
    io.stdout(`${t('export.exported', { events: number(result.events), path: result.path, bytes: number(result.bytes), sha256: result.sha256, manifest: result.manifestPath })}\n`);
    io.stdout(`${t('export.integrity', { status: result.manifest.integrity?.status ?? 'not-checked' })}\n`);
    io.stdout(describeSignature(result.manifest, result.manifestPath, result.signaturePath));
  }
  return 0;
}
