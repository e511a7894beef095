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

export const reportHelp = `ledger report STORE --stream S [--from A] [--to B] [--versions 3,17,40] [--projections DIR] [--projection NAME]
                    --out report.html [--include-skipped] [--max-events N | --all-events] [--no-verify] [--sign] [--mask …] [--json]
   A self-contained, print-styled HTML report (A4; print it or save it as PDF from a browser):
   the store, its integrity verdict and chain head, the events of versions A..B (default the whole
   stream) with ids, hashes and data, the states at --versions (default: B), the diffs between
   consecutive versions with the event that made each change (one version: from A-1 to it), and the
   case notes on the stream. The manifest beside it (report.html.manifest.json) records its sha256.
   At most ${DEFAULT_MAX_EVENTS.toLocaleString('en-US')} events are listed (the report says how many it left out): --max-events N
   changes that, --all-events lists every one. The store is verified first; --no-verify skips that
   and the report says "not verified". The bundle carries the viewer's activity excerpt and the
   store's notes; --sign signs its manifest (see ledger export --sign).
${MASKING_HELP}`;

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
    if (values['all-events'] && values['max-events'] !== undefined) throw new UsageError('Give --max-events or --all-events, not both.');
    const maxEvents = values['all-events'] ? null : (integer(values['max-events'], 'max-events', 0) ?? undefined);
    const request = {
      streamId,
      fromVersion: integer(values.from, 'from', 1),
      toVersion: integer(values.to, 'to', 1),
      versions,
      projection: values.projection,
      includeSkipped: values['include-skipped'] === true,
      maxEvents,
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
        if (!(await store.getStream(streamId))) throw new LedgerError('NOT_FOUND', `There is no stream '${streamId}' in this store.`, { streamId });
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
      `Wrote the report on ${safeText(streamId)} (versions ${facts.range.fromVersion} to ${facts.range.toVersion}, ${number(report.totals.eventsListed)} events, ` +
        `states at ${facts.states.join(', ')}) to ${report.file.path} (${number(report.file.bytes)} bytes, sha256 ${report.file.sha256}); manifest ${sealed.sealed.manifestPath}.\n`,
    );
    if (facts.events.truncated) io.stdout(`Only the first ${number(facts.events.listed)} of ${number(facts.events.inRange)} events are listed (raise --max-events or give --all-events).\n`);
    io.stdout(`Integrity: ${facts.integrity.status}.\n`);
    io.stdout(describeSignature(sealed.sealed.manifest, sealed.sealed.manifestPath, sealed.sealed.signaturePath));
    if (bundleMasking) io.stdout(secretNotice(bundleMasking.secret) + '\n');
    return 0;
  };
}

export const reportCommand = createReportCommand();
