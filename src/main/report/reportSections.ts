// The report's sections as HTML strings: store and integrity, signer, masking, one event, a state,
// an attributed diff, the notes. Pure functions of already-masked values; every value is escaped.
// Their words come from the report's voice (English unless another is given); the store's data,
// type and field names, ids and hashes are shown as stored in every language.
import type { CaseNote, MaskingSummary, SignerInfo } from '../../shared/evidence.ts';
import { projectionLabel } from '../../shared/projections.ts';
import type { DiffChange, DiffResult, EventRef, PathHistoryEntry, StateAtResult } from '../../shared/replay.ts';
import type { ManifestIntegrity } from '../../shared/verify.ts';
import { esc, factRow, grouped, showJson } from './reportHtml.ts';
import { amountAt, amountsIn, type FieldUnits } from '../../shared/units.ts';
import { ENGLISH, type ReportVoice } from './reportVoice.ts';
import { caveatHtml, findingKindHtml, reasonHtml, schemeHtml } from './factWords.ts';

export interface ReportEventRow {
  position: number;
  eventId: string;
  version: number;
  type: string;
  recordedAt: string;
  actor: string | null;
  hash: string | null;
  /** The data as shown: stored JSON text (pretty when that loses nothing), or a masked value. */
  dataHtml: string;
  decodeError?: string;
}

export const eventAnchor = (position: number) => `event-${position}`;

export function storeSection(facts: {
  path: string;
  format: string;
  adapter: string;
  storeId: string | null;
  storeKey: string;
  eventCount: number;
  streamCount: number;
  lastPosition: number | null;
  chainHead: string | null;
  hasChain: boolean;
  streamId: string;
  streamVersion: number;
  range: { fromVersion: number; toVersion: number };
}, v: ReportVoice = ENGLISH): string {
  const events = v.say(`report.store.eventsIn.${v.form(facts.streamCount)}`, { events: v.count(facts.eventCount), streams: v.count(facts.streamCount), last: facts.lastPosition ?? '–' });
  const head = facts.hasChain ? (facts.chainHead ? `<span class="mono wrap">${esc(facts.chainHead)}</span>` : `<span class="muted">${v.say('report.store.empty')}</span>`) : v.say('report.store.noChain');
  return `<h3>${v.say('report.store.heading')}</h3><table>
${factRow(v.say('report.store.path'), `<span class="mono wrap">${esc(facts.path)}</span>`)}
${factRow(v.say('report.store.format'), `${esc(facts.format)} <span class="muted">(${esc(facts.adapter)})</span>`)}
${factRow(v.say('report.store.id'), facts.storeId ? `<span class="mono">${esc(facts.storeId)}</span>` : `<span class="muted">${v.say('report.store.noId')}</span>`)}
${factRow(v.say('report.store.viewerKey'), `<span class="mono small">${esc(facts.storeKey)}</span>`)}
${factRow(v.say('report.store.events'), events)}
${factRow(v.say('report.store.chainHead'), head)}
${factRow(v.say('report.store.stream'), v.say('report.store.streamVersion', { stream: `<span class="mono wrap">${esc(facts.streamId)}</span>`, version: facts.streamVersion }))}
${factRow(v.say('report.store.range'), v.say('report.store.rangeVersions', { from: facts.range.fromVersion, to: facts.range.toVersion }))}
</table>`;
}

export function integritySection(integrity: ManifestIntegrity, v: ReportVoice = ENGLISH): string {
  const heading = `<h3>${v.say('report.integrity.heading')}</h3>`;
  switch (integrity.status) {
    case 'not-checked': {
      const said = integrity.reason ? v.say('report.integrity.notCheckedBecause', { reason: reasonHtml(integrity.reason, v) }) : v.say('report.integrity.notChecked');
      return `${heading}<p class="verdict" data-verdict="not-checked">${said}</p>`;
    }
    case 'no-chain':
      return `${heading}<p class="verdict" data-verdict="no-chain">${v.say('report.integrity.noChain')}</p>`;
    default: {
      const found = integrity.findings;
      // Counts of findings stay as the verdict records them (ungrouped, as reports always printed them).
      const kinds = v.list(Object.entries(found.kinds).map(([k, n]) => v.say('report.integrity.kindCount', { kind: findingKindHtml(k, v), count: String(n) })));
      const verdict = integrity.status === 'verified' ? v.say('report.integrity.verified') : v.say(`report.integrity.findings.${v.form(found.count)}`, { count: found.count, kinds });
      const head = integrity.chainHead
        ? v.say('report.integrity.headAt', { head: `<span class="mono wrap">${esc(integrity.chainHead)}</span>`, position: integrity.lastPosition ?? '–' })
        : `<span class="muted">${v.say('report.store.empty')}</span>`;
      return `${heading}<p class="verdict" data-verdict="${esc(integrity.status)}">${verdict}</p><table>
${factRow(v.say('report.integrity.checkedAt'), esc(integrity.checkedAt))}
${factRow(v.say('report.integrity.chainHead'), head)}
${found.positions.length ? factRow(v.say('report.integrity.affected'), `${esc(v.list(found.positions.map(String)))}${found.positionsTruncated ? ' …' : ''}`) : ''}
${integrity.expectedHead ? factRow(v.say('report.integrity.expectedHead'), `<span class="mono wrap">${esc(integrity.expectedHead)}</span>`) : ''}
${integrity.caveat ? factRow(v.say('report.integrity.caveat'), caveatHtml(integrity.caveat, v)) : ''}
</table>`;
    }
  }
}

export function signerSection(signer: SignerInfo | null, v: ReportVoice = ENGLISH): string {
  const heading = `<h3>${v.say('report.signer.heading')}</h3>`;
  if (!signer) return `${heading}<p>${v.say('report.signer.none')}</p>`;
  return `${heading}<table>
${factRow(v.say('report.signer.name'), esc(signer.name))}
${factRow(v.say('report.signer.fingerprint'), `<span class="mono">${esc(grouped(signer.fingerprint))}</span> <span class="muted small">${v.say('report.signer.fingerprintOf')}</span>`)}
${factRow(v.say('report.signer.created'), esc(signer.createdAt))}
</table><p class="small">${v.say('report.signer.seals')}</p>`;
}

const ruleHtml = (rule: MaskingSummary['rules'][number], v: ReportVoice) =>
  rule.kind === 'path' ? v.say('report.masking.rule.path', { path: esc(rule.path) }) : v.say('report.masking.rule.pattern', { pattern: esc(rule.pattern) });

/** Rules and the token scheme, never a value. `maskedValues` is counted at the end of the report. */
export function maskingSection(masking: Omit<MaskingSummary, 'maskedValues'> | null, v: ReportVoice = ENGLISH): string {
  const heading = `<h3>${v.say('report.masking.heading')}</h3>`;
  if (!masking) return `${heading}<p>${v.say('report.masking.none')}</p>`;
  return `${heading}<p>${v.say('report.masking.rules', { token: '<span class="mono">masked:…</span>', scheme: schemeHtml(masking.scheme, v) })}</p>
<ul>${masking.rules.map((r) => `<li class="mono">${ruleHtml(r, v)}</li>`).join('')}</ul>`;
}

export function eventHtml(event: ReportEventRow, noteNumbers: number[], affected = false, v: ReportVoice = ENGLISH): string {
  const finding = affected ? `<p class="verdict small" data-affected="yes">${v.say('report.event.affected')}</p>` : '';
  const notes = noteNumbers.length ? `<dt>${v.say('report.event.notes')}</dt><dd>${v.list(noteNumbers.map((n) => `<a href="#note-${n}">${v.say('report.event.note', { number: n })}</a>`))}</dd>` : '';
  const actor = event.actor === null ? `<span class="muted">${v.say('report.event.noActor')}</span>` : esc(event.actor);
  const hash = event.hash ? esc(event.hash) : `<span class="muted">${v.say('report.event.noHash')}</span>`;
  return `<div class="event" id="${eventAnchor(event.position)}" data-position="${event.position}" data-event-id="${esc(event.eventId)}">
<div class="event-head">v${event.version} · ${esc(event.type)}</div>
<dl><dt>${v.say('report.event.position')}</dt><dd>${event.position}</dd><dt>${v.say('report.event.id')}</dt><dd class="mono">${esc(event.eventId)}</dd><dt>${v.say('report.event.time')}</dt><dd>${esc(event.recordedAt)}</dd><dt>${v.say('report.event.actor')}</dt><dd>${actor}</dd><dt>${v.say('report.event.hash')}</dt><dd class="mono">${hash}</dd>${notes}</dl>
${finding}${event.decodeError ? `<p class="small">${v.say('report.event.notJson', { error: esc(event.decodeError) })}</p>` : ''}<pre>${event.dataHtml}</pre>
</div>
`;
}

export function stateHtml(state: StateAtResult, v: ReportVoice = ENGLISH): string {
  const when = state.recordedAt ? ` <span class="muted small">(${esc(state.recordedAt)})</span>` : ` <span class="muted small">${v.say('report.state.initial')}</span>`;
  return `<div class="state" id="state-${state.version}" data-version="${state.version}">
<h3>${v.say('report.state.heading', { version: state.version })}${when}</h3>
${state.interrupted ? `<p class="verdict">${v.say('report.state.interrupted')}</p>` : ''}
${state.warningCount ? `<p class="small">${v.say('report.state.warnings', { count: state.warningCount })}</p>` : ''}
<pre>${showJson(state.state)}</pre>
${amountsHtml(state, v)}</div>
`;
}

/** The money and decimals the projection declared, beside the JSON as stored (which stays the evidence). */
function amountsHtml(state: StateAtResult, v: ReportVoice): string {
  const rows = amountsIn(state.state, state.projection.units, v.language);
  if (rows.length === 0) return '';
  const body = rows
    .map((r) => `<tr><td><code class="wrap">${esc(r.path)}</code></td><td class="amount">${r.amount ? esc(r.amount.text) : `<span class="muted">${v.say('report.amounts.notAmount')}</span>`}</td><td class="mono">${esc(r.stored)}</td></tr>`)
    .join('');
  return `<table class="amounts"><thead><tr><th>${v.say('report.amounts.field')}</th><th>${v.say('report.amounts.money')}</th><th>${v.say('report.amounts.stored')}</th></tr></thead><tbody>${body}</tbody></table>\n`;
}

/** Who made a change: version, type, time, actor, position, and the event id when known. */
function madeBy(ref: EventRef | null, ids: ReadonlyMap<number, string>, v: ReportVoice): string {
  if (!ref) return `<span class="muted">${v.say('report.diff.notAttributed')}</span>`;
  const id = ids.get(ref.position);
  const actor = ref.actor === null ? v.say('report.diff.noActor') : esc(ref.actor);
  return `<a href="#${eventAnchor(ref.position)}">v${ref.version}</a> ${esc(ref.type)}<br><span class="small">${esc(ref.recordedAt)} · ${actor} · ${v.say('report.diff.position', { position: ref.position })}${id ? `<br>${v.say('report.diff.eventId', { id: `<span class="mono">${esc(id)}</span>` })}` : ''}</span>`;
}

const sideText = (entry: { before?: unknown; after?: unknown }, side: 'before' | 'after', v: ReportVoice) => (side in entry ? showJson(entry[side]) : `<span class="muted">${v.say('report.diff.noValue')}</span>`);

/** amountAt's text, escaped for the page. */
function amountText(value: unknown, units: FieldUnits | undefined, segments: DiffChange['segments'], texts: Record<string, string> | undefined, v: ReportVoice): string | null {
  const amount = amountAt(value, units, segments, texts, v.language);
  return amount ? esc(amount.text) : null;
}

/** A changed number the projection declared as money, as money (under its stored JSON). */
function sideAmount(diff: DiffResult, change: DiffChange, side: 'before' | 'after', v: ReportVoice): string {
  const amount = amountText(change[side], diff.projection.units, change.segments, side === 'before' ? diff.currencies?.from : diff.currencies?.to, v);
  return amount ? `<div class="amount">${amount}</div>` : '';
}

/** A history entry's value: its stored JSON, and as money in that event's currency where it is money. */
function historySide(h: PathHistoryEntry, side: 'before' | 'after', money: { units: FieldUnits | undefined; segments: DiffChange['segments'] }, v: ReportVoice): string {
  const amount = side in h ? amountText(h[side], money.units, money.segments, h.currencies?.[side], v) : null;
  return `<code>${sideText(h, side, v)}</code>${amount ? ` <span class="amount">${amount}</span>` : ''}`;
}

function historyHtml(history: PathHistoryEntry[], count: number, ids: ReadonlyMap<number, string>, money: { units: FieldUnits | undefined; segments: DiffChange['segments'] }, v: ReportVoice): string {
  if (count <= 1) return '';
  const rows = history
    .map((h) => `<li>${v.say('report.diff.historyRow', { kind: v.say(`report.diff.kind.${h.kind}`), before: historySide(h, 'before', money, v), after: historySide(h, 'after', money, v), by: madeBy(h.event, ids, v) })}</li>`)
    .join('');
  return `<details open><summary class="small">${v.say('report.diff.history', { count })}</summary><ol class="small">${rows}</ol>${count > history.length ? `<p class="small">${v.say('report.diff.historyMore', { count: count - history.length })}</p>` : ''}</details>`;
}

export function diffHtml(diff: DiffResult, ids: ReadonlyMap<number, string>, v: ReportVoice = ENGLISH): string {
  const rows = diff.changes
    .map(
      (c) =>
        `<tr class="change" data-kind="${c.kind}" data-path="${esc(c.path)}" data-position="${c.event?.position ?? ''}"><td class="kind">${v.say(`report.diff.sign.${c.kind}`)}</td><td><code class="wrap">${esc(c.path)}</code></td><td><pre>${sideText(c, 'before', v)}</pre>${sideAmount(diff, c, 'before', v)}</td><td><pre>${sideText(c, 'after', v)}</pre>${sideAmount(diff, c, 'after', v)}</td><td>${madeBy(c.event, ids, v)}${historyHtml(c.history, c.historyCount, ids, { units: diff.projection.units, segments: c.segments }, v)}</td></tr>`,
    )
    .join('\n');
  const reverted = diff.reverted.length ? `<p class="small">${v.say('report.diff.reverted', { paths: v.list(diff.reverted.map((r) => `<code>${esc(r.path)}</code>`)) })}</p>` : '';
  const about = v.say('report.diff.about', { events: diff.eventCount, projection: esc(projectionLabel(diff.projection)) });
  return `<div class="diff" data-from="${diff.from.version}" data-to="${diff.to.version}">
<h3>${v.say('report.diff.heading', { from: diff.from.version, to: diff.to.version })} <span class="muted small">${about}</span></h3>
${diff.interrupted ? `<p class="verdict">${v.say('report.diff.interrupted')}</p>` : ''}
<table><thead><tr><th>${v.say('report.diff.change')}</th><th>${v.say('report.diff.path')}</th><th>${v.say('report.diff.before')}</th><th>${v.say('report.diff.after')}</th><th>${v.say('report.diff.madeBy')}</th></tr></thead><tbody>
${rows || `<tr><td colspan="5">${v.say('report.diff.none')}</td></tr>`}
</tbody></table>
${diff.truncated ? `<p class="verdict">${v.say('report.diff.truncated', { listed: diff.changes.length, total: diff.totalChanges })}</p>` : ''}
${reverted}
</div>
`;
}

function noteTarget(note: CaseNote, v: ReportVoice): string {
  const t = note.target;
  if (t.kind === 'event') return v.say('report.note.onEvent', { link: `<a href="#${eventAnchor(t.position)}">v${t.version}</a>`, position: t.position, id: `<span class="mono">${esc(t.eventId)}</span>` });
  return t.projection ? v.say('report.note.onStateProjection', { version: t.version, projection: esc(t.projection) }) : v.say('report.note.onState', { version: t.version });
}

function noteHead(number: number, note: CaseNote, v: ReportVoice): string {
  const places = { note: `<strong>${v.say('report.note.number', { number })}</strong>`, target: noteTarget(note, v), author: esc(note.author), at: esc(note.createdAt) };
  return note.updatedAt !== note.createdAt ? v.say('report.note.headEdited', { ...places, edited: esc(note.updatedAt) }) : v.say('report.note.head', places);
}

export function notesHtml(notes: { number: number; note: CaseNote }[], v: ReportVoice = ENGLISH): string {
  if (notes.length === 0) return `<p>${v.say('report.notes.none')}</p>`;
  return notes.map(({ number, note }) => `<div class="note" id="note-${number}" data-note-id="${esc(note.id)}"><p>${noteHead(number, note, v)}</p><p class="wrap">${esc(note.text)}</p></div>`).join('\n');
}
