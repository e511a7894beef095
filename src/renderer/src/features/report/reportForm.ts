// The report dialog's fields → a report/create request, or the sentence saying what to fix.
// Main checks everything again; this only spares a round trip for what a person mistyped.
import type { ReportRequest } from '../../../../shared/contract.ts';
import type { StreamSummary } from '../../../../shared/types.ts';

export interface ReportFields {
  fromText: string;
  toText: string;
  versionsText: string;
  allEvents: boolean;
  projection: string | null;
}

const whole = (text: string) => (/^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : null);

export function reportRequestOf(stream: StreamSummary, fields: ReportFields): ReportRequest | string {
  const last = stream.version;
  const from = whole(fields.fromText);
  const to = whole(fields.toText);
  if (from === null || to === null || from < 1 || to > last) return `The range runs from version 1 to ${last}.`;
  if (from > to) return 'The first version must not be after the last one.';
  let versions: number[] | undefined;
  if (fields.versionsText.trim() !== '') {
    const parts = fields.versionsText.split(',').map(whole);
    if (parts.some((v) => v === null)) return 'Versions are whole numbers separated by commas, such as 3,17,40.';
    versions = parts as number[];
    const outside = versions.filter((v) => v > last);
    if (outside.length) return `This stream has states at versions 0 to ${last}; there is none at ${outside.join(', ')}.`;
    if (new Set(versions).size > 50) return 'A report shows at most 50 states.';
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
