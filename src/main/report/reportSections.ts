// The report's sections as HTML strings: store and integrity, signer, masking, one event, a state,
// an attributed diff, the notes. Pure functions of already-masked values; every value is escaped.
import type { CaseNote, MaskingSummary, SignerInfo } from '../../shared/evidence.ts';
import { projectionLabel } from '../../shared/projections.ts';
import type { DiffChange, DiffResult, EventRef, PathHistoryEntry, StateAtResult } from '../../shared/replay.ts';
import type { ManifestIntegrity } from '../../shared/verify.ts';
import { esc, factRow, grouped, showJson } from './reportHtml.ts';
import { amountSource, amountsIn, currencyFor, formatAmount, unitAt } from '../../shared/units.ts';

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
}): string {
  return `<h3>Store</h3><table>
${factRow('Store', `<span class="mono wrap">${esc(facts.path)}</span>`)}
${factRow('Format', `${esc(facts.format)} <span class="muted">(${esc(facts.adapter)})</span>`)}
${factRow('Store id', facts.storeId ? `<span class="mono">${esc(facts.storeId)}</span>` : '<span class="muted">none: not a Replay Ledger store</span>')}
${factRow('Viewer key', `<span class="mono small">${esc(facts.storeKey)}</span>`)}
${factRow('Events in the store', `${facts.eventCount.toLocaleString('en-US')} in ${facts.streamCount.toLocaleString('en-US')} stream${facts.streamCount === 1 ? '' : 's'}, last position ${facts.lastPosition ?? '–'}`)}
${factRow('Chain head when read', facts.hasChain ? (facts.chainHead ? `<span class="mono wrap">${esc(facts.chainHead)}</span>` : '<span class="muted">empty store</span>') : '<strong>No hash chain</strong>: this store keeps none, so nothing in it proves that history was not edited.')}
${factRow('Stream', `<span class="mono wrap">${esc(facts.streamId)}</span>, version ${facts.streamVersion}`)}
${factRow('Range in this report', `versions ${facts.range.fromVersion} to ${facts.range.toVersion}`)}
</table>`;
}

export function integritySection(integrity: ManifestIntegrity): string {
  switch (integrity.status) {
    case 'not-checked':
      return `<h3>Integrity</h3><p class="verdict" data-verdict="not-checked">Not verified for this report${integrity.reason ? `: ${esc(integrity.reason)}` : ''}. Nothing here proves the history is untouched.</p>`;
    case 'no-chain':
      return `<h3>Integrity</h3><p class="verdict" data-verdict="no-chain">No chain: this store keeps no hash chain, so its history cannot be proven untouched. The events below are as the store holds them now.</p>`;
    default: {
      const found = integrity.findings;
      const kinds = Object.entries(found.kinds).map(([k, n]) => `${esc(k)}: ${n}`).join(', ');
      const verdict =
        integrity.status === 'verified'
          ? 'Verified: the hash chain, stream versions and summaries hold, no finding.'
          : `Findings: ${found.count} problem${found.count === 1 ? '' : 's'} found (${kinds}). The history has been changed or damaged.`;
      return `<h3>Integrity</h3><p class="verdict" data-verdict="${esc(integrity.status)}">${esc(verdict)}</p><table>
${factRow('Verified at', esc(integrity.checkedAt))}
${factRow('Chain head', integrity.chainHead ? `<span class="mono wrap">${esc(integrity.chainHead)}</span> at position ${integrity.lastPosition ?? '–'}` : '<span class="muted">empty store</span>')}
${found.positions.length ? factRow('Affected positions', `${esc(found.positions.join(', '))}${found.positionsTruncated ? ' …' : ''}`) : ''}
${integrity.expectedHead ? factRow('Expected head', `<span class="mono wrap">${esc(integrity.expectedHead)}</span>`) : ''}
${integrity.caveat ? factRow('Caveat', esc(integrity.caveat)) : ''}
</table>`;
    }
  }
}

export function signerSection(signer: SignerInfo | null): string {
  if (!signer) {
    return `<h3>Signer</h3><p>Not signed: no signing key was given for this report. The manifest beside the file records its sha256; without a signature anyone could recompute that.</p>`;
  }
  return `<h3>Signer</h3><table>
${factRow('Name', esc(signer.name))}
${factRow('Fingerprint', `<span class="mono">${esc(grouped(signer.fingerprint))}</span> <span class="muted small">(sha256 of the public key)</span>`)}
${factRow('Key created', esc(signer.createdAt))}
</table><p class="small">The bundle's manifest, which records this report's sha256, is signed with this key.</p>`;
}

const ruleText = (rule: MaskingSummary['rules'][number]) => (rule.kind === 'path' ? `path ${rule.path}` : `pattern: ${rule.pattern}`);

/** Rules and the token scheme, never a value. `maskedValues` is counted at the end of the report. */
export function maskingSection(masking: Omit<MaskingSummary, 'maskedValues'> | null): string {
  if (!masking) return `<h3>Masking</h3><p>No masking: event data, states and diffs are shown as stored.</p>`;
  return `<h3>Masking</h3><p>Values matching these rules are replaced by keyed tokens (<span class="mono">masked:…</span>); equal values get equal tokens. Scheme: ${esc(masking.scheme)}.</p>
<ul>${masking.rules.map((r) => `<li class="mono">${esc(ruleText(r))}</li>`).join('')}</ul>`;
}

export function eventHtml(event: ReportEventRow, noteNumbers: number[], affected = false): string {
  const finding = affected ? '<p class="verdict small" data-affected="yes">A verification finding names this event: it was changed, inserted or moved after it was recorded.</p>' : '';
  const notes = noteNumbers.length ? `<dt>Notes</dt><dd>${noteNumbers.map((n) => `<a href="#note-${n}">note ${n}</a>`).join(', ')}</dd>` : '';
  return `<div class="event" id="${eventAnchor(event.position)}" data-position="${event.position}" data-event-id="${esc(event.eventId)}">
<div class="event-head">v${event.version} · ${esc(event.type)}</div>
<dl><dt>Position</dt><dd>${event.position}</dd><dt>Event id</dt><dd class="mono">${esc(event.eventId)}</dd><dt>Time</dt><dd>${esc(event.recordedAt)}</dd><dt>Actor</dt><dd>${event.actor === null ? '<span class="muted">none</span>' : esc(event.actor)}</dd><dt>Hash</dt><dd class="mono">${event.hash ? esc(event.hash) : '<span class="muted">no chain</span>'}</dd>${notes}</dl>
${finding}${event.decodeError ? `<p class="small"><strong>Not valid JSON</strong> (${esc(event.decodeError)}): the stored text follows.</p>` : ''}<pre>${event.dataHtml}</pre>
</div>
`;
}

export function stateHtml(state: StateAtResult): string {
  return `<div class="state" id="state-${state.version}" data-version="${state.version}">
<h3>State at version ${state.version}${state.recordedAt ? ` <span class="muted small">(${esc(state.recordedAt)})</span>` : ' <span class="muted small">(initial state)</span>'}</h3>
${state.interrupted ? `<p class="verdict">The projection stopped at an event it could not apply: this is the last good state.</p>` : ''}
${state.warningCount ? `<p class="small">${state.warningCount} event(s) could not be applied by the projection.</p>` : ''}
<pre>${showJson(state.state)}</pre>
${amountsHtml(state)}</div>
`;
}

/** The money and decimals the projection declared, beside the JSON as stored (which stays the evidence). */
function amountsHtml(state: StateAtResult): string {
  const rows = amountsIn(state.state, state.projection.units, 'en');
  if (rows.length === 0) return '';
  const body = rows
    .map((r) => `<tr><td><code class="wrap">${esc(r.path)}</code></td><td class="amount">${r.amount ? esc(r.amount.text) : '<span class="muted">not an amount: shown as stored</span>'}</td><td class="mono">${esc(r.stored)}</td></tr>`)
    .join('');
  return `<table class="amounts"><thead><tr><th>Field</th><th>As money</th><th>Stored</th></tr></thead><tbody>${body}</tbody></table>\n`;
}

const SIGN: Record<DiffChange['kind'], string> = { added: '+ added', removed: '− removed', changed: '~ changed' };

/** Who made a change: version, type, time, actor, position, and the event id when known. */
function madeBy(ref: EventRef | null, ids: ReadonlyMap<number, string>): string {
  if (!ref) return '<span class="muted">not attributed</span>';
  const id = ids.get(ref.position);
  return `<a href="#${eventAnchor(ref.position)}">v${ref.version}</a> ${esc(ref.type)}<br><span class="small">${esc(ref.recordedAt)} · ${ref.actor === null ? 'no actor' : esc(ref.actor)} · position ${ref.position}${id ? `<br>id <span class="mono">${esc(id)}</span>` : ''}</span>`;
}

const sideText = (entry: { before?: unknown; after?: unknown }, side: 'before' | 'after') => (side in entry ? showJson(entry[side]) : '<span class="muted">(none)</span>');

/** A changed number the projection declared as money, as money (under its stored JSON). */
function sideAmount(diff: DiffResult, change: DiffChange, side: 'before' | 'after'): string {
  const value = change[side];
  const unit = typeof value === 'number' ? unitAt(diff.projection.units, change.segments) : undefined;
  if (!unit) return '';
  const stored = amountSource(value as number);
  const root = side === 'before' ? diff.currencies?.from : diff.currencies?.to;
  const amount = stored === null ? null : formatAmount(stored, unit, 'en', currencyFor(unit, undefined, root));
  return amount ? `<div class="amount">${esc(amount.text)}</div>` : '';
}

function historyHtml(history: PathHistoryEntry[], count: number, ids: ReadonlyMap<number, string>): string {
  if (count <= 1) return '';
  const rows = history.map((h) => `<li>${esc(h.kind)}: <code>${sideText(h, 'before')}</code> → <code>${sideText(h, 'after')}</code> by ${madeBy(h.event, ids)}</li>`).join('');
  return `<details open><summary class="small">${count} events changed this path</summary><ol class="small">${rows}</ol>${count > history.length ? `<p class="small">… ${count - history.length} more</p>` : ''}</details>`;
}

export function diffHtml(diff: DiffResult, ids: ReadonlyMap<number, string>): string {
  const rows = diff.changes
    .map(
      (c) =>
        `<tr class="change" data-kind="${c.kind}" data-path="${esc(c.path)}" data-position="${c.event?.position ?? ''}"><td class="kind">${SIGN[c.kind]}</td><td><code class="wrap">${esc(c.path)}</code></td><td><pre>${sideText(c, 'before')}</pre>${sideAmount(diff, c, 'before')}</td><td><pre>${sideText(c, 'after')}</pre>${sideAmount(diff, c, 'after')}</td><td>${madeBy(c.event, ids)}${historyHtml(c.history, c.historyCount, ids)}</td></tr>`,
    )
    .join('\n');
  const reverted = diff.reverted.length
    ? `<p class="small">Changed in between but equal at both ends: ${diff.reverted.map((r) => `<code>${esc(r.path)}</code>`).join(', ')}</p>`
    : '';
  return `<div class="diff" data-from="${diff.from.version}" data-to="${diff.to.version}">
<h3>Version ${diff.from.version} → ${diff.to.version} <span class="muted small">(${diff.eventCount} events, projection ${esc(projectionLabel(diff.projection))})</span></h3>
${diff.interrupted ? `<p class="verdict">The projection stopped at an event it could not apply: the diff ends at its last good state.</p>` : ''}
<table><thead><tr><th>Change</th><th>Path</th><th>Before</th><th>After</th><th>Made by</th></tr></thead><tbody>
${rows || '<tr><td colspan="5">No differences.</td></tr>'}
</tbody></table>
${diff.truncated ? `<p class="verdict">Only the first ${diff.changes.length} of ${diff.totalChanges} changes are listed.</p>` : ''}
${reverted}
</div>
`;
}

function noteTarget(note: CaseNote): string {
  const t = note.target;
  if (t.kind === 'event') return `event <a href="#${eventAnchor(t.position)}">v${t.version}</a>, position ${t.position}, id <span class="mono">${esc(t.eventId)}</span>`;
  return `state at version ${t.version}${t.projection ? ` (projection ${esc(t.projection)})` : ''}`;
}

export function notesHtml(notes: { number: number; note: CaseNote }[]): string {
  if (notes.length === 0) return '<p>No notes on this stream.</p>';
  return notes
    .map(
      ({ number, note }) =>
        `<div class="note" id="note-${number}" data-note-id="${esc(note.id)}"><p><strong>Note ${number}</strong> on ${noteTarget(note)} · ${esc(note.author)}, ${esc(note.createdAt)}${note.updatedAt !== note.createdAt ? ` (edited ${esc(note.updatedAt)})` : ''}</p><p class="wrap">${esc(note.text)}</p></div>`,
    )
    .join('\n');
}
