// The header's integrity badge: what background verification of the open store found, always in
// view, so a tampered store is never shown as plain fact. Click opens the Integrity screen.
import type { IntegrityStatus, VerifyFindingKind } from '../../../shared/verify.ts';
import { findingTitle } from '../features/verify/findingKinds.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatCount } from '../lib/format.ts';
import { hrefs } from './routes.ts';
import { currentLanguage, t, useT } from '../i18n/index.ts';
import { createFormatters } from '../i18n/format.ts';

export function integrityBadge(status: IntegrityStatus | null): { label: string; title: string; tone: string } {
  // Background verification starts with every opening; its first report may still be on its way.
  if (!status) return { label: t('integrity.notYet'), title: t('integrity.notYet.title'), tone: 'badge-warning' };
  switch (status.status) {
    case 'checking': {
      const percent = status.total > 0 ? Math.floor((status.done / status.total) * 100) : 0;
      return { label: t('integrity.checking', { percent }), title: t('integrity.checking.title'), tone: 'badge-running' };
    }
    case 'verified':
      return {
        // Short in the header (it must fit at 1280 px); the caveat is in the title and on Integrity.
        label: status.caveat ? t('integrity.verifiedNoHead') : t('integrity.verified'),
        // Main's caveat is the one sentence NO_RECORDED_HEAD_CAVEAT (English): the catalog says it in the reader's language.
        title: t('integrity.verified.title', { caveat: status.caveat ? t('integrity.verified.noHeadCaveat') : t('integrity.verified.intact'), at: status.checkedAt ? createFormatters(currentLanguage()).dateTime(status.checkedAt) : '' }),
        tone: 'badge-succeeded',
      };
    case 'findings': {
      const kinds = Object.entries(status.findingKinds).map(([kind, n]) => t('integrity.findings.kind', { kind: findingTitle(kind as VerifyFindingKind), count: formatCount(n) })).join(t('integrity.findings.separator'));
      return { label: t('integrity.findings', { count: status.findingCount }), title: t('integrity.findings.title', { kinds }), tone: 'badge-danger' };
    }
    case 'no-chain':
      return { label: t('integrity.noChain'), title: reasonText(status) ?? t('integrity.noChain.title'), tone: 'badge-warning' };
    case 'not-checked':
      return { label: t('integrity.notChecked'), title: t('integrity.notChecked.title', { reason: reasonText(status) ?? t('integrity.unknownReason') }), tone: 'badge-warning' };
  }
}

/** Why there is no verdict, in the reader's language when main sent the facts; else main's words. */
function reasonText(status: IntegrityStatus): string | null {
  const why = status.why;
  if (!why) return status.reason;
  switch (why.case) {
    case 'noChain':
      return t('integrity.why.noChain', { adapter: errorMessage({ message: why.adapter, words: why.adapterWords }) });
    case 'cancelled':
      return t('integrity.why.cancelled');
    case 'failed':
      return t('integrity.why.failed', { error: why.error });
  }
}

export function IntegrityBadge({ status }: { status: IntegrityStatus | null }) {
  useT(); // re-render when the language changes
  const badge = integrityBadge(status);
  return (
    <a href={hrefs.verify()} className={`badge ${badge.tone}`} title={badge.title} data-testid="integrity-badge" data-status={status?.status ?? 'unknown'}>
      {badge.label}
    </a>
  );
}
