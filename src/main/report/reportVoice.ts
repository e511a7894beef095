// How the report speaks one language: its catalog sentences (reportWords.ts) with their places filled
// by markup the caller escaped, counts grouped through Intl, lists, and the plural form to use. Main
// has no i18next; the compiler checks that every place a sentence has is given.
import type { ReportLanguage } from '../../shared/contract.ts';
import { ERROR_WORDS, errorText, type ErrorWords } from '../../shared/errorWords/index.ts';
import { fillWords } from '../../shared/fillWords.ts';
import { REPORT_WORDS, type ReportEnglish, type ReportWordKey } from './reportWords.ts';

type Holes<S extends string> = S extends `${string}{{${infer Name}}}${infer Rest}` ? Name | Holes<Rest> : never;
type Places<K extends ReportWordKey> = { [Name in Holes<ReportEnglish[K]>]: string | number };
/** No second argument for a sentence without places; every place for one with them. */
type SayArgs<K extends ReportWordKey> = [Holes<ReportEnglish[K]>] extends [never] ? [] : [places: Places<K>];

export interface ReportVoice {
  language: ReportLanguage;
  /** The sentence for `key`; `places` are HTML already escaped (numbers as they are to be shown). */
  say<K extends ReportWordKey>(key: K, ...places: SayArgs<K>): string;
  /** A count grouped as the language writes it (12,345). Positions and versions are ids: not grouped. */
  count(n: number): string;
  /** Items (already markup) joined by the language's list separator. */
  list(items: readonly string[]): string;
  /** `.one` or `.other`, the plural form of the language for n. */
  form(n: number): 'one' | 'other';
  /** Main's own text that has words (a store's description, an error): in the language, as plain text (escape it). */
  said(text: { message: string; words?: ErrorWords }): string;
}

export function reportVoice(language: ReportLanguage = 'en'): ReportVoice {
  const words: Record<ReportWordKey, string> = REPORT_WORDS[language];
  const numbers = new Intl.NumberFormat(language);
  const plurals = new Intl.PluralRules(language);
  return {
    language,
    say: (key, ...places) => fillWords(words[key], places[0] ?? {}),
    count: (n) => numbers.format(n),
    list: (items) => items.join(words['report.listSeparator']),
    form: (n) => (plurals.select(n) === 'one' ? 'one' : 'other'),
    said: (text) => errorText(text, (key, values) => fillWords(ERROR_WORDS[language][key], values ?? {})),
  };
}

/** The English voice: what every section says when no language is given (and always said before). */
export const ENGLISH = reportVoice('en');
