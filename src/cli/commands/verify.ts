// ledger verify FILE / ledger verify-export DIR: integrity verdicts for a terminal. Exit 1 on any
// finding, so scripts and CI can gate on them.
import { readSecretFile } from '../../main/masking/secrets.ts';
import type { VerifyExportReport, VerifyFinding, VerifyReport } from '../../shared/verify.ts';
import fs from 'node:fs';
import { verifyExport } from '../../main/export/verifyExport.ts';
import { LedgerError } from '../../main/errors.ts';
import { verify, type VerifyOptions } from '../../main/verify/verify.ts';
import { isPgUrl } from '../../main/adapters/postgres/target.ts';
import { withStore } from './withStore.ts';
import { parseExpectedHead } from '../../shared/expectedHead.ts';
import { parse, storePath } from '../args.ts';
import { json, number, safeText } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';

export const verifyHelp = `ledger verify FILE [--expect-head HASH[@POSITION]] [--no-integrity-check] [--json]
   Walks the hash chain and checks every hash and link, positions, stream versions, the summary
   tables and SQLite's integrity_check. --expect-head: a chain head recorded earlier (an export
   manifest, a ticket); a chain rewritten since cannot hide from it. Exit 1 on any finding.`;

export const verifyExportHelp = `ledger verify-export DIR|MANIFEST [--pubkey PEM] [--store FILE] [--mask-secret-file KEY] [--json]
   Re-hashes every file listed in the folder's *.manifest.json and checks each signed manifest's
   Ed25519 signature (<manifest>.sig) with the bundle's signer.pub.pem. --pubkey: the signer's key
   as you know it (ledger keys export-public); every manifest must then be signed by that very key.
   With --store, also verifies the store, that it still holds the chain head recorded at export
   time, and that re-running the recorded query gives the same bytes. Exit 1 on any finding.
   A masked bundle is compared with the store only with --mask-secret-file KEY (the kept masking secret).`;

function parseExpectHead(value: string | undefined): { hash: string; position: number | null } | undefined {
  if (value === undefined) return undefined;
  const parsed = parseExpectedHead(value);
  if (parsed.problem || !parsed.value) throw new UsageError(`--expect-head: ${parsed.problem ?? 'a chain head is required'}`);
  return parsed.value;
}

const where = (f: VerifyFinding) =>
  [
    f.position === null ? null : f.toPosition !== undefined ? `positions ${f.position}–${f.toPosition}` : `position ${f.position}`,
    f.streamId === undefined ? null : `${safeText(f.streamId)}${f.version !== undefined ? ` v${f.version}` : ''}`,
  ]
    .filter(Boolean)
    .join(', ') || 'store';

export function describeReport(report: VerifyReport): string {
  const lines: string[] = [];
  const counts = Object.entries(report.findingCounts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${number(n)} ${kind}`)
    .join(', ');
  lines.push(`Verified ${report.path}: ${number(report.eventsChecked)} events in ${number(report.streamsChecked)} streams in ${(report.durationMs / 1000).toFixed(1)} s.`);
  if (report.mode === 'no-chain') {
    lines.push('Chain head   none: this store keeps no hash chain');
    for (const message of report.integrity.messages) lines.push(`Checked      ${safeText(message)}`);
    lines.push(`Last good    ${report.lastGoodPosition === null ? '—' : `position ${report.lastGoodPosition}`}`);
    lines.push(report.ok ? 'Verdict      CONSISTENT: no findings (without a chain, not proof that nothing was edited).' : `Verdict      FAILED: ${counts}.`);
    for (const f of report.findings) lines.push(`  ${f.kind.padEnd(16)} ${where(f).padEnd(22)} ${safeText(f.message)}`);
    if (report.truncated) lines.push(`  … ${number(Object.values(report.findingCounts).reduce((a, b) => a + b, 0) - report.findings.length)} more findings not listed.`);
    return lines.join('\n') + '\n';
  }
  lines.push(`Chain head   ${report.chainHead ?? (report.findingCounts['corrupt-page'] > 0 ? '(none could be read: a damaged page)' : '(empty store)')}`);
  if (report.expectedHead) {
    const e = report.expectedHead;
    lines.push(`Expected     ${e.hash}${e.foundAt === null ? ' — NOT in the chain' : ` — found at position ${e.foundAt}${e.appendedSince ? ` (${number(e.appendedSince)} events appended since)` : ''}`}`);
  }
  lines.push(`Integrity    ${report.integrity.ran ? (report.integrity.ok ? 'ok' : `${report.integrity.messages.length} problem(s)`) : 'not run'}`);
  lines.push(`Last good    ${report.lastGoodPosition === null ? '—' : `position ${report.lastGoodPosition}`}`);
  lines.push(report.ok ? 'Verdict      INTACT: no findings.' : `Verdict      FAILED: ${counts}.`);
  for (const f of report.findings) lines.push(`  ${f.kind.padEnd(16)} ${where(f).padEnd(22)} ${safeText(f.message)}`);
  if (report.truncated) lines.push(`  … ${number(Object.values(report.findingCounts).reduce((a, b) => a + b, 0) - report.findings.length)} more findings not listed.`);
  return lines.join('\n') + '\n';
}

export async function verifyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { 'expect-head': { type: 'string' }, 'no-integrity-check': { type: 'boolean' } });
  const where = storePath(values, positionals);
  let lastDrawn = 0;
  const options: VerifyOptions = {
    expectHead: parseExpectHead(values['expect-head']),
    integrityCheck: values['no-integrity-check'] ? 'skip' : 'worker',
    onProgress: (p) => {
      const now = Date.now();
      if (!io.interactive || values.json || (now - lastDrawn < 200 && p.phase !== 'done')) return;
      lastDrawn = now;
      io.stderr(`\r  ${p.phase.padEnd(10)} ${p.total ? Math.floor((p.done / p.total) * 100) : 0}%`);
      if (p.phase === 'done') io.stderr('\n');
    },
  };
  // A database (and a mapped table) is opened as a reader; a file is opened by verify itself.
  const report = isPgUrl(where.target) ? await withStore(where, (store) => verify(store, options)) : await verify(where.target, options);
  io.stdout(values.json ? json(report) : describeReport(report));
  return report.ok ? 0 : 1;
}

export function describeExportReport(report: VerifyExportReport): string {
  const lines = [`Checked ${report.filesChecked} file(s) of ${report.manifests.length} export manifest(s) in ${report.dir}.`];
  for (const m of report.manifests) {
    lines.push(`  ${m.path}: ${m.kind}, ${number(m.events)} events, chain head ${m.chainHead ?? '—'}`);
    if (m.signedBy) lines.push(`    signature valid: ${safeText(m.signedBy.name)}, fingerprint ${m.signedBy.fingerprint}${m.signedBy.sequence !== null ? `, signed export #${m.signedBy.sequence} of its store` : ''}`);
  }
  if (report.store) lines.push(`Store ${report.store.path}: ${report.store.ok ? 'intact' : `${report.store.findings.length} finding(s)`}, chain head ${report.store.chainHead ?? '—'}.`);
  const signed = report.manifests.filter((m) => m.signedBy).length;
  lines.push(
    report.ok
      ? `Verdict: INTACT: every file matches its manifest${signed ? `; ${signed === report.manifests.length ? 'every manifest is signed' : `${signed} of ${report.manifests.length} manifests are signed`}, signatures valid` : '; the bundle is not signed'}.`
      : `Verdict: FAILED: ${report.findings.length} finding(s).`,
  );
  for (const f of report.findings) lines.push(`  ${f.kind.padEnd(16)} ${safeText(f.message)}`);
  return lines.join('\n') + '\n';
}

export async function verifyExportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { pubkey: { type: 'string' }, 'mask-secret-file': { type: 'string' } });
  const target = positionals[0];
  if (!target) throw new UsageError('Which bundle? Give the export folder (or a manifest) as the first argument.');
  let publicKeyPem: string | undefined;
  if (typeof values.pubkey === 'string') {
    try {
      publicKeyPem = fs.readFileSync(values.pubkey, 'utf8');
    } catch (error) {
      throw new LedgerError('FILE_NOT_FOUND', `Cannot read the public key ${values.pubkey}: ${(error as Error).message}`, { path: values.pubkey });
    }
  }
  const maskingSecret = values['mask-secret-file'] === undefined ? undefined : readSecretFile(values['mask-secret-file']).secret;
  const report = await verifyExport(target, { store: typeof values.store === 'string' ? values.store : undefined, publicKeyPem, ...(maskingSecret ? { maskingSecret } : {}) });
  io.stdout(values.json ? json(report) : describeExportReport(report));
  return report.ok ? 0 : 1;
}
