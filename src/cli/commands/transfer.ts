// ledger export: events, a state or a diff out of a store, with a manifest (ledger import: importCommand.ts).
import { exportEventsSigned } from '../../main/export/manifest.ts';
import type { EventFormat } from '../../main/export/eventFormats.ts';
import type { EventScope } from '../../main/store/eventStore.ts';
import { integer, parse, required, storePath, timeRangeArgs, type StoreTarget } from '../args.ts';
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
import { progressLine } from '../progressLine.ts';
import { t } from '../i18n/index.ts';

/** The store's verification verdict for the manifest: verified now, unless skipped or impossible. */
export async function verdictFor(store: Reader, skip: boolean): Promise<ManifestIntegrity> {
  // cli-verbatim: a manifest field (file content), not a sentence on screen
  if (skip) return { status: 'not-checked', reason: 'skipped with --no-verify' };
  if (!store.info.hasIntegrityChain) return { status: 'no-chain' };
  return manifestIntegrity(statusFromReport(0, await verify(store)));
}

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
