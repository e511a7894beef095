// The report dialog's fields → a report/create request, or the sentence saying what to fix.
// Main checks everything again; this only spares a round trip for what a person mistyped.
import type { ReportRequest } from '../../../../shared/contract.ts';
import type { StreamSummary } from '../../../../shared/types.ts';
import { t } from '../../i18n/index.ts';

export interface ReportFields {
  fromText: string;
  toText: string;
  versionsText: string;
  allEvents: boolean;
  projection: string | null;
}

const MAX_STATES = 50;
const whole = (text: string) => (/^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : null);

export function reportRequestOf(stream: StreamSummary, fields: ReportFields): ReportRequest | string {
  const last = stream.version;
  const from = whole(fields.fromText);
  const to = whole(fields.toText);
  if (from === null || to === null || from < 1 || to > last) return t('report.invalid.range', { last });
  if (from > to) return t('report.invalid.order');
  let versions: number[] | undefined;
  if (fields.versionsText.trim() !== '') {
    const parts = fields.versionsText.split(',').map(whole);
    if (parts.some((v) => v === null)) return t('report.invalid.versions');
    versions = parts as number[];
    const outside = versions.filter((v) => v > last);
    if (outside.length) return t('report.invalid.outside', { last, versions: outside.join(t('filters.listSeparator')) });
    if (new Set(versions).size > MAX_STATES) return t('report.invalid.tooMany', { max: MAX_STATES });
  }
  return {
    streamId: stream.streamId,
    fromVersion: from,
    toVersion: to,
    ...(versions ? { versions } : {}),
    ...(fields.projection ? { projection: fields.projection } : {}),
    ...(fields.allEvents ? { maxEvents: null } : {}),
  };
}
