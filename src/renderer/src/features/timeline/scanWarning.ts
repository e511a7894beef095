// When a filter deserves a word before it runs: the database planner (events/estimate) says the
// plan reads a whole table of at least SCAN_WARN_ROWS rows because no index covers the filter.
// Smaller tables read fast enough that asking first would only be in the way.
import type { QueryEstimate } from '../../../../shared/types.ts';
import { currentLanguage, t } from '../../i18n/index.ts';

export const SCAN_WARN_ROWS = 200_000;

/** Tests (and curious people) may lower the threshold: localStorage 'replay-ledger.scanWarnRows'. */
export const SCAN_WARN_KEY = 'replay-ledger.scanWarnRows';

export function scanWarnRows(): number {
  try {
    const raw = globalThis.localStorage?.getItem(SCAN_WARN_KEY);
    const value = raw === null || raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    return Number.isFinite(value) && value >= 0 ? value : SCAN_WARN_ROWS;
  } catch {
    return SCAN_WARN_ROWS;
  }
}

export type WideScan = QueryEstimate['wholeTableScans'][number];

/** The whole-table reads worth a warning (each table once, largest first). */
export function wideScans(estimate: QueryEstimate | null, threshold: number): WideScan[] {
  if (!estimate) return [];
  const byTable = new Map<string, WideScan>();
  for (const scan of estimate.wholeTableScans) {
    if (scan.rows < threshold) continue;
    const seen = byTable.get(scan.relation);
    if (!seen || seen.rows < scan.rows) byTable.set(scan.relation, scan);
  }
  return [...byTable.values()].sort((a, b) => b.rows - a.rows);
}

/** "about 1.2 million rows", "about 48,000 rows": the planner's figure is an estimate, said as one. */
export function aboutRows(rows: number): string {
  // Millions in the language's own words ("1.2 million", "120万"); below, grouped digits.
  if (rows >= 1_000_000) return t('scan.aboutLarge', { rows: new Intl.NumberFormat(currentLanguage(), { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 1 }).format(rows) });
  if (rows >= 10_000) return t('scan.aboutRows', { count: Math.round(rows / 1000) * 1000 });
  return t('scan.aboutRows', { count: Math.round(rows) });
}

/** "This filter reads all of public.mt_events (about 1.2 million rows): no index covers it, so it may take a while." */
export function scanSentence(scans: WideScan[]): string {
  const tables = scans.map((s) => t('scan.table', { table: s.relation, rows: aboutRows(s.rows) }));
  const list = new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(tables);
  return t('scan.sentence', { list });
}
