// ledger report: the printable HTML report of one stream's range (src/main/report), written with its
// manifest beside it. The store is verified for the report unless --no-verify (then it says so).
import type { EventMasker, NotesReader } from '../../main/evidence/services.ts';
import type { SignerInfo } from '../../shared/evidence.ts';
import { LedgerError } from '../../main/errors.ts';
import { createReplayEngine } from '../../main/replay/replayEngine.ts';
import { sealReport } from '../../main/report/reportBundle.ts';
import { DEFAULT_MAX_EVENTS, parseVersionList } from '../../main/report/reportRequest.ts';
import { writeReport } from '../../main/report/writeReport.ts';
import { integer, parse, required, storePath } from '../args.ts';
import { json, number, safeText } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';
import { verdictFor } from './transfer.ts';
import { PROJECTIONS_OPTION, withProjections } from './withProjections.ts';
import { withStore } from './withStore.ts';
import { describeSignature, SIGN_OPTION, signingEvidence } from './signOption.ts';
import { MASKING_HELP, MASKING_OPTIONS, maskingOptionsFromArgs } from '../maskingArgs.ts';
import { openBundleMasking, secretNotice } from '../../main/masking/bundleMasking.ts';
import { withMaskingEvidence } from '../../main/export/manifest.ts';
import { cliLanguage, t } from '../i18n/index.ts';

export const reportHelp = (): string => t('help.report', { maxEvents: number(DEFAULT_MAX_EVENTS), masking: MASKING_HELP() });

/**
 * The evidence services the command hands the report. Built apart (notes/, masking/, signing/): the
 * orchestrator wires them here at merge, with --mask / --sign parsed where those services live.
 * `signer` must only be given when the bundle is really sealed with that key (sealReport → sealBundle).
 */
export interface ReportCommandServices {
  notes?: NotesReader | null;
  masker?: EventMasker | null;
  signer?: SignerInfo | null;
}

const OPTIONS = {
  stream: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  versions: { type: 'string' },
  projection: { type: 'string' },
  out: { type: 'string' },
  'include-skipped': { type: 'boolean' },
  'max-events': { type: 'string' },
  'all-events': { type: 'boolean' },
  'no-verify': { type: 'boolean' },
  ...PROJECTIONS_OPTION,
  ...SIGN_OPTION,
  ...MASKING_OPTIONS,
} as const;

function versionsArg(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  try {
    return parseVersionList(text);
  } catch (error) {
    throw new UsageError((error as LedgerError).message);
  }
}

export function createReportCommand(services: () => ReportCommandServices = () => ({})) {
  return async function reportCommand(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, OPTIONS);
    const streamId = required(values.stream, 'stream');
    const out = required(values.out, 'out');
    const versions = versionsArg(values.versions);
    if (values['all-events'] && values['max-events'] !== undefined) throw new UsageError(t('report.eventsOrAll'));
    const maxEvents = values['all-events'] ? null : (integer(values['max-events'], 'max-events', 0) ?? undefined);
    const request = {
      streamId,
      fromVersion: integer(values.from, 'from', 1),
      toVersion: integer(values.to, 'to', 1),
      versions,
      projection: values.projection,
      includeSkipped: values['include-skipped'] === true,
      maxEvents,
      // The report is read by the same person as the terminal: written in the CLI's language (--lang).
      language: cliLanguage(),
    };
    const given = services();
    // The bundle's evidence: the signer with --sign, the viewer's activity excerpt and notes; with
    // --mask the report and that evidence are masked with this bundle's own kept secret.
    const masking = maskingOptionsFromArgs(values);
    const bundleMasking = masking ? openBundleMasking(masking) : null;
    const signed = signingEvidence(values.sign, io);
    const evidence = withMaskingEvidence({ ...signed, ...(given.notes !== undefined ? { notes: given.notes } : {}) }, bundleMasking?.masker);
    const notes = given.notes ?? signed.notes ?? null;
    const masker = given.masker ?? bundleMasking?.masker ?? null;
    // The report names its signer only when the bundle really is sealed with that key.
    const signer = signed.signer?.info ?? given.signer ?? null;
    const sealed = await withProjections(values.projections, values.projection, io, (projections) =>
      withStore(storePath(values, positionals), async (store) => {
        // Fail on an unknown stream before a verification of the whole store.
        if (!(await store.getStream(streamId))) throw new LedgerError('NOT_FOUND', t('report.noStream', { stream: streamId }), { streamId });
        const integrity = await verdictFor(store, values['no-verify'] === true);
        const report = await writeReport(store, createReplayEngine(store, { projections }), request, out, { integrity, notes, masker, signer });
        return { report, sealed: await sealReport(store, report, evidence) };
      }),
    );
    const { report } = sealed;
    if (values.json) {
      io.stdout(json({ path: report.file.path, bytes: report.file.bytes, sha256: report.file.sha256, manifestPath: sealed.sealed.manifestPath, facts: report.facts, totals: report.totals }));
      return 0;
    }
    const { facts } = report;
    io.stdout(
      `${t('report.wrote', {
        stream: safeText(streamId),
        from: facts.range.fromVersion,
        to: facts.range.toVersion,
        events: number(report.totals.eventsListed),
        states: facts.states.join(', '),
        path: report.file.path,
        bytes: number(report.file.bytes),
        sha256: report.file.sha256,
        manifest: sealed.sealed.manifestPath,
      })}\n`,
    );
    if (facts.events.truncated) io.stdout(`${t('report.truncated', { listed: number(facts.events.listed), inRange: number(facts.events.inRange) })}\n`);
    io.stdout(`${t('report.integrity', { status: facts.integrity.status })}\n`);
    io.stdout(describeSignature(sealed.sealed.manifest, sealed.sealed.manifestPath, sealed.sealed.signaturePath));
    if (bundleMasking) io.stdout(secretNotice(bundleMasking.secret) + '\n');
    return 0;
  };
}

export const reportCommand = createReportCommand();
