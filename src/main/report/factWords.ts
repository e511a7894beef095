// Main's own English inside the report's facts, said in the report's language: the verdict
// (ManifestIntegrity: the reason a store was not checked, the caveat of a verified chain, finding
// kinds as codes) and the masking scheme stay English in the facts and every manifest. Text that is
// exactly one of ours is said from the catalog; anything else (an error's message, an older or newer
// main's wording) is shown as written, so nothing is lost.
import { VERIFY_FINDING_KINDS, type VerifyFindingKind } from '../../shared/verify.ts';
import { TOKEN_HEX, TOKEN_PREFIX, TOKEN_SCHEME } from '../masking/token.ts';
import { esc } from './reportHtml.ts';
import type { ReportVoice } from './reportVoice.ts';
import { REPORT_WORDS } from './reportWords.ts';

const en = REPORT_WORDS.en;
const REASONS = new Map<string, 'report.reason.skipped' | 'report.reason.noVerification' | 'report.reason.stillRunning' | 'report.reason.cancelled'>(
  (['report.reason.skipped', 'report.reason.noVerification', 'report.reason.stillRunning', 'report.reason.cancelled'] as const).map((key) => [en[key], key]),
);
const FAILED_PREFIX = en['report.reason.failed'].split('{{error}}')[0];

/** Why the store was not verified, as markup. */
export function reasonHtml(reason: string, voice: ReportVoice): string {
  const key = REASONS.get(reason);
  if (key) return voice.say(key);
  if (reason.startsWith(FAILED_PREFIX)) return voice.say('report.reason.failed', { error: esc(reason.slice(FAILED_PREFIX.length)) });
  return esc(reason);
}

/** What a verified verdict cannot rule out, as markup. */
export function caveatHtml(caveat: string, voice: ReportVoice): string {
  return caveat === en['report.caveat.noRecordedHead'] ? voice.say('report.caveat.noRecordedHead') : esc(caveat);
}

const isKind = (kind: string): kind is VerifyFindingKind => (VERIFY_FINDING_KINDS as readonly string[]).includes(kind);

/** A finding kind's name (English: its code, as reports have always printed it). */
export function findingKindHtml(kind: string, voice: ReportVoice): string {
  return isKind(kind) ? voice.say(`report.finding.${kind}`) : esc(kind);
}

/** How masked values were made, as markup. */
export function schemeHtml(scheme: string, voice: ReportVoice): string {
  return scheme === TOKEN_SCHEME ? voice.say('report.masking.scheme.token', { digits: TOKEN_HEX, prefix: esc(TOKEN_PREFIX) }) : esc(scheme);
}
