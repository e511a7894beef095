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
import { json, number, padCells, safeText } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';
import { t } from '../i18n/index.ts';
import { errorText } from '../../shared/errorWords/index.ts';

export const verifyHelp = (): string => t('help.verify');

export const verifyExportHelp = (): string => t('help.verify-export');

function parseExpectHead(value: string | undefined): { hash: string; position: number | null } | undefined {
  if (value === undefined) return undefined;
  const parsed = parseExpectedHead(value);
  if (parsed.problem || !parsed.value) throw new UsageError(t('verify.expectHead', { problem: parsed.problem ?? t('verify.headRequired') }));
  return parsed.value;
}

const where = (f: VerifyFinding) =>
  [
    f.position === null ? null : f.toPosition !== undefined ? t('verify.positions', { from: f.position, to: f.toPosition }) : t('verify.position', { position: f.position }),
    f.streamId === undefined ? null : `${safeText(f.streamId)}${f.version !== undefined ? ` v${f.version}` : ''}`,
  ]
    .filter(Boolean)
    .join(', ') || t('verify.store');

/** A finding's kind, where, and its sentence in the reader's language (as written when main sent no words). */
const findingLine = (f: VerifyFinding) => `  ${f.kind.padEnd(16)} ${padCells(where(f), 22)} ${safeText(errorText(f, t))}`;

export function describeReport(report: VerifyReport): string {
  const lines: string[] = [];
  const counts = Object.entries(report.findingCounts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${number(n)} ${kind}`)
    .join(', ');
  const lastGood = t('verify.lastGood', { where: report.lastGoodPosition === null ? '—' : t('verify.position', { position: report.lastGoodPosition }) });
  lines.push(t('verify.verified', { path: report.path, events: number(report.eventsChecked), streams: number(report.streamsChecked), seconds: (report.durationMs / 1000).toFixed(1) }));
  if (report.mode === 'no-chain') {
    lines.push(t('verify.noChainHead'));
    report.integrity.messages.forEach((message, i) => lines.push(t('verify.checked', { message: safeText(errorText({ message, words: report.integrity.words?.[i] }, t)) })));
    lines.push(lastGood);
    lines.push(report.ok ? t('verify.consistent') : t('verify.failed', { counts }));
    for (const f of report.findings) lines.push(findingLine(f));
    if (report.truncated) lines.push(t('verify.moreFindings', { n: number(Object.values(report.findingCounts).reduce((a, b) => a + b, 0) - report.findings.length) }));
    return lines.join('\n') + '\n';
  }
  lines.push(t('verify.chainHead', { head: report.chainHead ?? (report.findingCounts['corrupt-page'] > 0 ? t('verify.headDamaged') : t('verify.headEmpty')) }));
  if (report.expectedHead) {
    const e = report.expectedHead;
    const where = e.foundAt === null ? t('verify.notInChain') : t('verify.foundAt', { position: e.foundAt, since: e.appendedSince ? t('verify.appendedSince', { n: number(e.appendedSince) }) : '' });
    lines.push(t('verify.expected', { hash: e.hash, where }));
  }
  lines.push(t('verify.integrity', { state: report.integrity.ran ? (report.integrity.ok ? t('verify.integrityOk') : t('verify.integrityProblems', { n: report.integrity.messages.length })) : t('verify.integrityNotRun') }));
  lines.push(lastGood);
  lines.push(report.ok ? t('verify.intact') : t('verify.failed', { counts }));
  for (const f of report.findings) lines.push(findingLine(f));
  if (report.truncated) lines.push(t('verify.moreFindings', { n: number(Object.values(report.findingCounts).reduce((a, b) => a + b, 0) - report.findings.length) }));
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
  const lines = [t('verifyExport.checked', { files: report.filesChecked, manifests: report.manifests.length, dir: report.dir })];
  for (const m of report.manifests) {
    lines.push(t('verifyExport.manifest', { path: m.path, kind: m.kind, events: number(m.events), head: m.chainHead ?? '—' }));
    if (m.signedBy) {
      const sequence = m.signedBy.sequence !== null ? t('verifyExport.sequence', { sequence: m.signedBy.sequence }) : '';
      lines.push(t('verifyExport.signature', { name: safeText(m.signedBy.name), fingerprint: m.signedBy.fingerprint, sequence }));
    }
  }
  if (report.store) {
    const state = report.store.ok ? t('verifyExport.storeIntact') : t('verifyExport.storeFindings', { n: report.store.findings.length });
    lines.push(t('verifyExport.store', { path: report.store.path, state, head: report.store.chainHead ?? '—' }));
  }
  const signed = report.manifests.filter((m) => m.signedBy).length;
  const signatures = !signed ? t('verifyExport.notSigned') : signed === report.manifests.length ? t('verifyExport.allSigned') : t('verifyExport.someSigned', { signed, total: report.manifests.length });
  lines.push(report.ok ? t('verifyExport.intact', { signed: signatures }) : t('verifyExport.failed', { n: report.findings.length }));
  for (const f of report.findings) lines.push(`  ${f.kind.padEnd(16)} ${safeText(errorText(f, t))}`);
  return lines.join('\n') + '\n';
}

export async function verifyExportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { pubkey: { type: 'string' }, 'mask-secret-file': { type: 'string' } });
  const target = positionals[0];
  if (!target) throw new UsageError(t('verifyExport.whichBundle'));
  let publicKeyPem: string | undefined;
  if (typeof values.pubkey === 'string') {
    try {
      publicKeyPem = fs.readFileSync(values.pubkey, 'utf8');
    } catch (error) {
      throw new LedgerError('FILE_NOT_FOUND', t('verifyExport.cannotReadKey', { path: values.pubkey, message: (error as Error).message }), { path: values.pubkey });
    }
  }
  const maskingSecret = values['mask-secret-file'] === undefined ? undefined : readSecretFile(values['mask-secret-file']).secret;
  const report = await verifyExport(target, { store: typeof values.store === 'string' ? values.store : undefined, publicKeyPem, ...(maskingSecret ? { maskingSecret } : {}) });
  io.stdout(values.json ? json(report) : describeExportReport(report));
  return report.ok ? 0 : 1;
}
