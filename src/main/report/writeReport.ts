// Writes the printable report of one stream: facts and verdict first, then the events of the range
// streamed to the file chunk by chunk (flat memory, capped unless asked for all), the states at the
// chosen versions, the attributed diffs between them, and the auditor's notes. The file is written
// atomically (fileWriter.ts): a failed or cancelled report leaves nothing behind. Its words are in
// the request's language (reportWords.ts); the machine-readable parts (meta tags, the JSON facts and
// totals, data-* attributes) and the store's data are the same in every language.
import type { CaseNote, MaskingSummary, SignerInfo } from '../../shared/evidence.ts';
import type { JobStep } from '../../shared/jobs.ts';
import type { DiffResult, StateAtResult } from '../../shared/replay.ts';
import type { ManifestIntegrity } from '../../shared/verify.ts';
import { CancelledError } from '../errors.ts';
import type { EventMasker, NotesReader } from '../evidence/services.ts';
import { storeKeyOf } from '../evidence/storeKey.ts';
import { AtomicFileWriter, type WrittenFile } from '../export/fileWriter.ts';
import type { ReplayEngine } from '../replay/replayEngine.ts';
import type { EventStoreReader, RawEvent } from '../store/eventStore.ts';
import { TOOL_NAME, TOOL_VERSION } from '../toolVersion.ts';
import { maskedView, type MaskedView } from './maskedView.ts';
import { esc, jsonForScriptBlock, reportCss, reportCsp, showJson } from './reportHtml.ts';
import { resolveRange, type ReportRequest, type ResolvedRange } from './reportRequest.ts';
import { diffHtml, eventHtml, integritySection, maskingSection, notesHtml, signerSection, stateHtml, storeSection, type ReportEventRow } from './reportSections.ts';
import { withDiffCurrencies } from '../units/diffCurrencies.ts';
import { noSuchStream } from '../notFound.ts';
import { reportVoice } from './reportVoice.ts';

export const REPORT_FORMAT = 'replay-ledger-report';

/** Event ids looked up for the diffs' attributions at most (each is one read by position). */
const MAX_ATTRIBUTION_LOOKUPS = 2_000;

export interface ReportServices {
  /** The verdict to print: a verification run for the report, the app's background one, or not-checked. */
  integrity: ManifestIntegrity;
  notes?: NotesReader | null;
  /** One masker per bundle: with it, every value of the store shown passes through it. */
  masker?: EventMasker | null;
  signer?: SignerInfo | null;
  signal?: AbortSignal;
  /** `message` is the English line (as jobs have always had it); `step` the same as facts, for screens to say. */
  onProgress?(done: number, total: number, message: string, step: JobStep): void;
  now?: Date;
}

/** The machine-readable facts at the top of the report (<script id="report-facts">), for tests and the bundle. */
export interface ReportFacts {
  format: typeof REPORT_FORMAT;
  reportVersion: 1;
  tool: { name: string; version: string };
  createdAt: string;
  store: { path: string; format: string; storeId: string | null; storeKey: string; eventCount: number; lastPosition: number | null; chainHead: string | null; hasChain: boolean };
  integrity: ManifestIntegrity;
  signer: { name: string; fingerprint: string } | null;
  masking: { rules: MaskingSummary['rules']; scheme: string } | null;
  stream: { streamId: string; version: number };
  range: { fromVersion: number; toVersion: number };
  projection: { name: string; version: number } | null;
  events: { inRange: number; maxListed: number | null; listed: number; truncated: boolean };
  states: number[];
  diffs: { from: number; to: number; changes: number; totalChanges: number; truncated: boolean }[];
  notes: number;
}

/** What only the end of the report knows (<script id="report-totals">). */
export interface ReportTotals {
  eventsListed: number;
  firstPosition: number | null;
  lastPosition: number | null;
  maskedValues: number | null;
}

export interface WrittenReport {
  file: WrittenFile;
  facts: ReportFacts;
  totals: ReportTotals;
}

/** Stored data as shown: the stored text itself, indented only when indenting loses nothing (big numbers, -0, key order). */
function storedDataHtml(text: string): string {
  try {
    const value = JSON.parse(text);
    if (JSON.stringify(value) === text) return showJson(value);
  } catch {
    // not JSON: shown as stored below
  }
  return esc(text);
}

/** Stored JSON text parsed, or the fallback with the parser's reason (damaged or foreign rows). */
function parseOr(text: string, fallback: unknown): { value: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { value: fallback, error: (error as Error).message };
  }
}

const actorOf = (metadata: unknown) => {
  const actor = (metadata as Record<string, unknown> | null)?.actor;
  return typeof actor === 'string' ? actor : null;
};

/** One stored row as the report shows it, masked when a masker is given. */
function eventRow(raw: RawEvent, view: MaskedView): ReportEventRow {
  const data = parseOr(raw.dataText, raw.dataText);
  const metadata = parseOr(raw.metadataText, {});
  const base = { position: raw.position, eventId: raw.eventId, version: raw.version, type: raw.type, recordedAt: raw.recordedAt, hash: raw.hash };
  if (!view.masked) {
    return { ...base, actor: actorOf(metadata.value), dataHtml: storedDataHtml(raw.dataText), ...(data.error ? { decodeError: data.error } : {}) };
  }
  const masked = view.event({
    position: raw.position,
    eventId: raw.eventId,
    streamId: raw.streamId,
    version: raw.version,
    type: raw.type,
    data: data.value,
    metadata: (metadata.value && typeof metadata.value === 'object' ? metadata.value : {}) as Record<string, unknown>,
    recordedAt: raw.recordedAt,
    hash: raw.hash,
  });
  return {
    position: masked.position,
    eventId: masked.eventId,
    version: masked.version,
    type: masked.type,
    recordedAt: masked.recordedAt,
    hash: masked.hash,
    actor: actorOf(masked.metadata),
    dataHtml: data.error ? esc(masked.data) : showJson(masked.data),
    ...(data.error ? { decodeError: data.error } : {}),
  };
}

function metaTag(name: string, content: string | number | null): string {
  return `<meta name="ledger-report:${name}" content="${esc(content ?? '')}">`;
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError('The report');
}

/** Event ids of the events the diffs name, read by position (capped), masked as the events are. */
async function attributionIds(store: EventStoreReader, diffs: DiffResult[], view: MaskedView): Promise<Map<number, string>> {
  const positions = new Set<number>();
  for (const diff of diffs) {
    for (const change of diff.changes) {
      if (change.event) positions.add(change.event.position);
      for (const h of change.history) positions.add(h.event.position);
    }
  }
  const ids = new Map<number, string>();
  for (const position of [...positions].slice(0, MAX_ATTRIBUTION_LOOKUPS)) {
    try {
      const event = await store.getEvent(position);
      ids.set(position, view.masked ? view.event(event).eventId : event.eventId);
    } catch {
      // a position the store no longer holds: the change keeps its version, type and actor
    }
  }
  return ids;
}

function notesOfStream(notes: NotesReader | null | undefined, storeKey: string, streamId: string): { number: number; note: CaseNote }[] {
  if (!notes) return [];
  const version = (n: CaseNote) => n.target.version;
  return notes
    .list(storeKey)
    .filter((n) => n.target.streamId === streamId)
    .sort((a, b) => version(a) - version(b) || a.createdAt.localeCompare(b.createdAt))
    .map((note, i) => ({ number: i + 1, note }));
}

export async function writeReport(store: EventStoreReader, engine: ReplayEngine, request: ReportRequest, out: string, services: ReportServices): Promise<WrittenReport> {
  const { signal } = services;
  const stream = await store.getStream(request.streamId);
  if (!stream) throw noSuchStream(request.streamId);
  const range: ResolvedRange = resolveRange(stream, request);
  const view = maskedView(services.masker);
  const key = storeKeyOf(store);
  const stats = await store.stats();
  const scope = { kind: 'stream' as const, streamId: request.streamId, fromVersion: range.fromVersion, toVersion: range.toVersion };
  const inRange = await store.countEvents(scope, { signal });
  const listing = range.maxEvents === null ? inRange : Math.min(inRange, range.maxEvents);
  const replay = { projection: request.projection, includeSkipped: request.includeSkipped };
  const v = reportVoice(request.language ?? 'en');
  const css = reportCss(v.language);

  // States and diffs are bounded (versions, changes per diff): computed before the file is opened,
  // so a projection error fails the report before any byte is written.
  const total = range.versions.length + range.diffs.length + listing;
  let done = 0;
  const step = (message: string, facts: JobStep) => services.onProgress?.(++done, total, message, facts);
  const states: StateAtResult[] = [];
  for (const version of range.versions) {
    checkCancelled(signal);
    states.push(view.state(await engine.stateAt(request.streamId, { version }, { ...replay, signal })));
    step(`state at v${version}`, { case: 'reportState', version });
  }
  const diffs: DiffResult[] = [];
  for (const [from, to] of range.diffs) {
    checkCancelled(signal);
    diffs.push(view.diff(await withDiffCurrencies(await engine.diff(request.streamId, from, to, { ...replay, maxChanges: range.maxChanges }), engine.stateAt, replay)));
    step(`diff v${from} → v${to}`, { case: 'reportDiff', from, to });
  }
  const ids = await attributionIds(store, diffs, view);
  const notes = notesOfStream(services.notes, key.key, request.streamId);
  const notesByEvent = new Map<string, number[]>();
  for (const { number, note } of notes) {
    if (note.target.kind !== 'event') continue;
    notesByEvent.set(note.target.eventId, [...(notesByEvent.get(note.target.eventId) ?? []), number]);
  }
  const affected = new Set(services.integrity.status === 'findings' ? services.integrity.findings.positions : []);
  const masking = services.masker ? services.masker.summary() : null;
  const projection = states[0]?.projection ?? diffs[0]?.projection ?? null;
  const createdAt = (services.now ?? new Date()).toISOString();
  const facts: ReportFacts = {
    format: REPORT_FORMAT,
    reportVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    createdAt,
    store: { path: store.info.path, format: store.info.format, storeId: key.storeId, storeKey: key.key, eventCount: stats.events, lastPosition: stats.lastPosition, chainHead: stats.chainHead, hasChain: store.info.hasIntegrityChain },
    integrity: services.integrity,
    signer: services.signer ? { name: services.signer.name, fingerprint: services.signer.fingerprint } : null,
    masking: masking ? { rules: masking.rules, scheme: masking.scheme } : null,
    stream: { streamId: stream.streamId, version: stream.version },
    range: { fromVersion: range.fromVersion, toVersion: range.toVersion },
    projection: projection ? { name: projection.name, version: projection.version } : null,
    events: { inRange, maxListed: range.maxEvents, listed: listing, truncated: listing < inRange },
    states: states.map((s) => s.version),
    diffs: diffs.map((d) => ({ from: d.from.version, to: d.to.version, changes: d.changes.length, totalChanges: d.totalChanges, truncated: d.truncated })),
    notes: notes.length,
  };

  const subtitle = [
    v.say('report.subtitle', { from: range.fromVersion, to: range.toVersion, last: stream.version, at: esc(createdAt), tool: esc(TOOL_NAME), version: esc(TOOL_VERSION) }),
    ...(projection ? [v.say('report.subtitle.projection', { name: esc(projection.name), version: projection.version })] : []),
  ].join(' · ');
  const inRangeText =
    listing < inRange
      ? v.say('report.events.inRangeTruncated', { count: v.count(inRange), listed: v.count(listing), left: v.count(inRange - listing) })
      : v.say('report.events.inRange', { count: v.count(inRange) });

  const writer = new AtomicFileWriter(out);
  try {
    writer.write(`<!doctype html>
<html lang="${v.language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(reportCsp(css))}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${v.say('report.title', { stream: esc(stream.streamId), from: range.fromVersion, to: range.toVersion })}</title>
${metaTag('format', REPORT_FORMAT)}
${metaTag('store-id', key.storeId)}
${metaTag('store-key', key.key)}
${metaTag('stream', stream.streamId)}
${metaTag('chain-head', stats.chainHead)}
${metaTag('integrity', services.integrity.status)}
${metaTag('events-in-range', inRange)}
${metaTag('signer-fingerprint', services.signer?.fingerprint ?? null)}
${metaTag('masked', masking ? 'yes' : 'no')}
<style>${css}</style>
<script type="application/json" id="report-facts">${jsonForScriptBlock(facts)}</script>
</head><body>
<p class="print-hint">${v.say('report.printHint')}</p>
<h1>${v.say('report.heading', { stream: `<span class="mono wrap">${esc(stream.streamId)}</span>` })}</h1>
<p class="muted">${subtitle}</p>
<section class="part" id="summary"><h2>${v.say('report.part.summary')}</h2>
${storeSection({ path: store.info.path, format: store.info.format, adapter: v.said({ message: store.info.adapter, words: store.info.adapterWords }), storeId: key.storeId, storeKey: key.key, eventCount: stats.events, streamCount: stats.streams, lastPosition: stats.lastPosition, chainHead: stats.chainHead, hasChain: store.info.hasIntegrityChain, streamId: stream.streamId, streamVersion: stream.version, range }, v)}
${integritySection(services.integrity, v)}
${signerSection(services.signer ?? null, v)}
${maskingSection(facts.masking, v)}
</section>
<section class="part" id="events"><h2>${v.say('report.part.events', { from: range.fromVersion, to: range.toVersion })}</h2>
<p>${inRangeText}</p>
`);
    let listed = 0;
    let firstPosition: number | null = null;
    let lastPosition: number | null = null;
    if (listing > 0) {
      outer: for await (const chunk of store.iterateRaw(scope, { signal })) {
        checkCancelled(signal);
        for (const raw of chunk) {
          if (listed >= listing) break outer;
          writer.write(eventHtml(eventRow(raw, view), notesByEvent.get(raw.eventId) ?? [], affected.has(raw.position), v));
          firstPosition ??= raw.position;
          lastPosition = raw.position;
          listed++;
        }
        done += chunk.length;
        services.onProgress?.(Math.min(done, total), total, `${listed.toLocaleString('en-US')} of ${listing.toLocaleString('en-US')} events`, { case: 'reportEvents', listed, of: listing });
      }
    }
    writer.write(`</section>
<section class="part" id="states"><h2>${v.say('report.part.states', { versions: esc(v.list(range.versions.map(String))) })}</h2>
${states.map((s) => stateHtml(s, v)).join('')}</section>
<section class="part" id="diffs"><h2>${v.say('report.part.diffs')}</h2>
${diffs.length ? diffs.map((d) => diffHtml(d, ids, v)).join('') : `<p>${v.say('report.diffs.none')}</p>`}</section>
<section class="part" id="notes"><h2>${v.say('report.part.notes')}</h2>
${notesHtml(notes, v)}
</section>
`);
    const totals: ReportTotals = { eventsListed: listed, firstPosition, lastPosition, maskedValues: services.masker ? services.masker.summary().maskedValues : null };
    writer.write(`${totals.maskedValues !== null ? `<p class="small">${v.say('report.maskedValues', { count: v.count(totals.maskedValues) })}</p>\n` : ''}<script type="application/json" id="report-totals">${jsonForScriptBlock(totals)}</script>
</body></html>
`);
    checkCancelled(signal);
    return { file: writer.commit(), facts, totals };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
