// The header's integrity badge: what background verification of the open store found, always in
// view, so a tampered store is never shown as plain fact. Click opens the Integrity screen.
import type { IntegrityStatus } from '../../../shared/verify.ts';
import { formatCount } from '../lib/format.ts';
import { hrefs } from './routes.ts';

export function integrityBadge(status: IntegrityStatus | null): { label: string; title: string; tone: string } {
  // Background verification starts with every opening; its first report may still be on its way.
  if (!status) return { label: 'Not checked yet', title: 'Verification of this store has not reported yet.', tone: 'badge-warning' };
  switch (status.status) {
    case 'checking': {
      const percent = status.total > 0 ? Math.floor((status.done / status.total) * 100) : 0;
      return { label: `Checking… ${percent}%`, title: 'Verifying the hash chain, stream versions and summaries in the background.', tone: 'badge-running' };
    }
    case 'verified':
      return {
        // Short in the header (it must fit at 1280 px); the caveat is in the title and on Integrity.
        label: status.caveat ? 'Verified, no recorded head' : 'Verified',
        title: `${status.caveat ?? 'Chain intact up to the recorded head.'} Checked ${status.checkedAt ?? ''}.`,
        tone: 'badge-succeeded',
      };
    case 'findings': {
      const kinds = Object.entries(status.findingKinds).map(([kind, n]) => `${kind} ${n}`).join(', ');
      return { label: `${formatCount(status.findingCount)} finding${status.findingCount === 1 ? '' : 's'}`, title: `This store failed verification (${kinds}). Open Integrity for details.`, tone: 'badge-danger' };
    }
    case 'no-chain':
      return { label: 'No chain', title: status.reason ?? 'This format keeps no hash chain, so its history cannot be verified.', tone: 'badge-warning' };
    case 'not-checked':
      return { label: 'Not checked', title: `Not verified: ${status.reason ?? 'unknown reason'}. Run a check on the Integrity screen.`, tone: 'badge-warning' };
  }
}

export function IntegrityBadge({ status }: { status: IntegrityStatus | null }) {
  const badge = integrityBadge(status);
  return (
    <a href={hrefs.verify()} className={`badge ${badge.tone}`} title={badge.title} data-testid="integrity-badge" data-status={status?.status ?? 'unknown'}>
      {badge.label}
    </a>
  );
}
