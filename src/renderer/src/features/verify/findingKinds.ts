// How each kind of verification finding is named and explained to an auditor (catalog keys:
// i18n/en/verify.ts; the kind itself stays the stable code in data attributes and reports).
import type { VerifyFindingKind } from '../../../../shared/verify.ts';
import { t, type MessageKey } from '../../i18n/index.ts';

const KEYS: Record<VerifyFindingKind, { title: MessageKey; explain: MessageKey }> = {
  edited: { title: 'finding.edited', explain: 'finding.edited.explain' },
  deleted: { title: 'finding.deleted', explain: 'finding.deleted.explain' },
  inserted: { title: 'finding.inserted', explain: 'finding.inserted.explain' },
  reordered: { title: 'finding.reordered', explain: 'finding.reordered.explain' },
  'summary-mismatch': { title: 'finding.summaryMismatch', explain: 'finding.summaryMismatch.explain' },
  'corrupt-page': { title: 'finding.corruptPage', explain: 'finding.corruptPage.explain' },
  rewritten: { title: 'finding.rewritten', explain: 'finding.rewritten.explain' },
  'schema-changed': { title: 'finding.schemaChanged', explain: 'finding.schemaChanged.explain' },
  'index-divergence': { title: 'finding.indexDivergence', explain: 'finding.indexDivergence.explain' },
};

export function findingTitle(kind: VerifyFindingKind): string {
  return t(KEYS[kind].title);
}

export function findingExplain(kind: VerifyFindingKind): string {
  return t(KEYS[kind].explain);
}
