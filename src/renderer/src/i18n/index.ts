// The renderer's i18next instance: English and 简体中文 catalogs (flat keys, one file per area in
// en/ and zh-CN/), plurals through Intl.PluralRules (`_one` / `_other`; Chinese has `_other` only),
// numbers in messages through Intl (`{{count, number}}`). Event data, type and field names are
// passed in as values and never looked up here.
import i18next from 'i18next';
import { useSyncExternalStore } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { getTimeMode, subscribeTimeMode } from '../lib/timeZone.ts';
import { en } from './en/index.ts';
import { zhCN } from './zh-CN/index.ts';
import { LANGUAGE_KEY, pickLanguage, type Language } from './language.ts';

export type { Language } from './language.ts';
export { LANGUAGES } from './language.ts';

type CatalogKey = keyof typeof en;
type BaseKey<K> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K;
/** Every key a component may ask for: the English catalog's keys, plural suffixes removed. */
export type MessageKey = BaseKey<CatalogKey>;
export type Translate = (key: MessageKey, values?: Record<string, unknown>) => string;

function initialLanguage(): Language {
  if (typeof window === 'undefined') return 'en';
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(LANGUAGE_KEY);
  } catch {
    // storage refused (private window): fall back to the browser's languages
  }
  return pickLanguage({ search: window.location.search, stored, preferred: navigator.languages ?? [navigator.language] });
}

/** A separate instance per call (tests make their own); `react` binds it to react-i18next's hooks. */
export function createI18n(language: Language, react = false) {
  const instance = i18next.createInstance();
  if (react) instance.use(initReactI18next);
  void instance.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh-CN'],
    // Keys are flat ("streams.title"): no nesting, no namespaces in the key.
    keySeparator: false,
    nsSeparator: false,
    // React escapes what it renders; escaping here would show &amp; in the UI.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

export const i18n = createI18n(initialLanguage(), true);
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

/** For .ts helpers outside React: the current language's text (components use `useT`). */
export const t: Translate = (key, values) => (i18n.t as unknown as (key: string, values?: object) => string)(key, values);

/**
 * The translate function of the current language; the component re-renders when the language or the
 * header's UTC / local clock changes (every component that says something uses this hook, so the
 * times it formats follow the switch too).
 */
export function useT(): Translate {
  const { t: translate } = useTranslation();
  useSyncExternalStore(subscribeTimeMode, getTimeMode, getTimeMode);
  return translate as unknown as Translate;
}

export function currentLanguage(): Language {
  return (i18n.resolvedLanguage ?? i18n.language) as Language;
}

/** Switches the whole renderer, remembers the choice, and keeps a `?lang=` in the address in step. */
export function setLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // storage refused: the choice lasts for this window only
  }
  document.documentElement.lang = language;
  const params = new URLSearchParams(window.location.search);
  if (params.has('lang')) {
    params.set('lang', language);
    window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}${window.location.hash}`);
  }
}
