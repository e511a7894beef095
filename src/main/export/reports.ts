// Exports of replay results: the state at a version as JSON, a diff as JSON or as a readable,
// self-contained HTML report (inline styles, no scripts, every value escaped).
import { interruptionSentence, projectionLabel } from '../../shared/projections.ts';
import type { DiffResult, StateAtResult } from '../../shared/replay.ts';
import { writeFileAtomically, type WrittenFile } from './fileWriter.ts';

export function exportState(result: StateAtResult, out: string): WrittenFile {
  return writeFileAtomically(out, JSON.stringify(result, null, 2) + '\n');
}

export function exportDiffJson(result: DiffResult, out: string): WrittenFile {
  return writeFileAtomically(out, JSON.stringify(result, null, 2) + '\n');
}

export function exportDiffHtml(result: DiffResult, out: string, generatedAt = new Date()): WrittenFile {
  return writeFileAtomically(out, diffHtml(result, generatedAt));
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const show = (value: unknown) => (value === undefined ? '' : escapeHtml(JSON.stringify(value, null, 2) ?? String(value)));

export function diffHtml(result: DiffResult, generatedAt: Date): string {
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const change of result.changes) counts[change.kind]++;
  const rows = result.changes
    .map((c) => {
      const event = c.event
        ? `v${c.event.version} ${escapeHtml(c.event.type)}<br><small>${escapeHtml(c.event.recordedAt)}${c.event.actor ? ` · ${escapeHtml(c.event.actor)}` : ''} · position ${c.event.position}</small>`
        : '<small>not attributed</small>';
      return `<tr class="${c.kind}"><td class="kind">${c.kind}</td><td><code>${escapeHtml(c.path)}</code></td><td><pre>${show(c.before)}</pre></td><td><pre>${show(c.after)}</pre></td><td>${event}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Diff of ${escapeHtml(result.streamId)}: v${result.from.version} → v${result.to.version}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24}
h1{font-size:1.3rem;margin:0 0 .25rem} .meta{color:#57606a;margin-bottom:1rem}
table{border-collapse:collapse;width:100%} th,td{border:1px solid #d0d7de;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f8fa} pre{margin:0;white-space:pre-wrap;word-break:break-word;font-size:12px}
tr.added td.kind{background:#dafbe1;color:#116329} tr.removed td.kind{background:#ffebe9;color:#a40e26} tr.changed td.kind{background:#fff8c5;color:#7d4e00}
small{color:#57606a} .interrupted{background:#ffebe9;border:1px solid #a40e26;padding:.5rem .75rem}
</style></head><body>
<h1>Diff of <code>${escapeHtml(result.streamId)}</code>: version ${result.from.version} → ${result.to.version}</h1>
<p class="meta">Projection ${escapeHtml(projectionLabel(result.projection))} · ${result.eventCount} events between
${escapeHtml(result.from.recordedAt ?? 'the initial state')} and ${escapeHtml(result.to.recordedAt ?? 'the initial state')} ·
${counts.added} added, ${counts.removed} removed, ${counts.changed} changed${result.truncated ? ` (first ${result.changes.length} of ${result.totalChanges})` : ''} ·
generated ${escapeHtml(generatedAt.toISOString())} by Replay Ledger</p>
${result.interrupted ? `<p class="interrupted"><strong>${escapeHtml(interruptionSentence(result.interrupted))}</strong></p>` : ''}
<table><thead><tr><th>Change</th><th>Path</th><th>Before</th><th>After</th><th>Made by event</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="5">No differences.</td></tr>'}
</tbody></table>
</body></html>
`;
}
