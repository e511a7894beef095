// A deep link may name a version the stream does not have (a typo, a ticket written against another
// copy of the store). Screens must say so instead of quietly showing the last version as if it were
// the one asked for.
import type { StreamSummary } from '../../../../shared/types.ts';
import { t } from '../../i18n/index.ts';
import { visibleText } from '../../lib/safeText.tsx';

export interface MissingVersion {
  asked: number;
  last: number;
  message: string;
}

/** The first linked version beyond the stream's last one, with the sentence that explains it. */
export function missingVersion(stream: Pick<StreamSummary, 'streamId' | 'version' | 'eventCount'>, versions: readonly (number | null | undefined)[]): MissingVersion | null {
  const asked = versions.find((v): v is number => typeof v === 'number' && v > stream.version);
  if (asked === undefined) return null;
  const id = visibleText(stream.streamId);
  const message =
    stream.eventCount === stream.version
      ? t('stream.missing.events', { asked, stream: id, count: stream.eventCount })
      : t('stream.missing.endsAt', { asked, stream: id, version: stream.version });
  return { asked, last: stream.version, message };
}
