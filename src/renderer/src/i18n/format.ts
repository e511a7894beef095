// Numbers and dates through Intl, keyed to the current language: grouped counts, byte sizes, dates.
// Event data is never formatted here: payload values are shown as stored.
import { useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from './language.ts';
import { getLocalZone, getTimeMode, subscribeTimeMode, type TimeMode } from '../lib/timeZone.ts';

export interface Formatters {
  language: Language;
  /** 12,345 in either language (Intl's grouping for the locale). */
  number(value: number): string;
  /** A percentage from a 0…1 fraction, whole percent. */
  percent(fraction: number): string;
  /** Date and time in the reader's language, in the clock chosen in the header (UTC or local), zone named. */
  dateTime(value: Date | number | string): string;
  date(value: Date | number | string): string;
}

export function createFormatters(language: Language, mode: TimeMode = 'utc', localZone = getLocalZone()): Formatters {
  const timeZone = mode === 'utc' ? 'UTC' : localZone;
  const numbers = new Intl.NumberFormat(language);
  const percents = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const dateTimes = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'long', timeZone });
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone });
  const toDate = (value: Date | number | string) => (value instanceof Date ? value : new Date(value));
  const safe = (format: Intl.DateTimeFormat, value: Date | number | string) => {
    const date = toDate(value);
    return Number.isNaN(date.getTime()) ? String(value) : format.format(date);
  };
  return {
    language,
    number: (value) => numbers.format(value),
    percent: (fraction) => percents.format(fraction),
    dateTime: (value) => safe(dateTimes, value),
    date: (value) => safe(dates, value),
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? i18n.language) as Language;
  const mode = useSyncExternalStore(subscribeTimeMode, getTimeMode, getTimeMode);
  return useMemo(() => createFormatters(language, mode), [language, mode]);
}
