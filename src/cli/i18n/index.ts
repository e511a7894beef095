// The CLI's words in English and 简体中文 (i18next, flat keys, one catalog file per area in en/ and
// zh-CN/, plurals as `key_one` / `key_other` through Intl.PluralRules, numbers through Intl in
// `{{count, number}}`). Only what people read is here: help, headings, progress and result lines,
// error sentences. --json, NDJSON and files written are machine output and never translated, and
// neither is event data (ids, types, payloads) passed in as values.
//
// The language: --lang, then LEDGER_LANG, then the POSIX locale (LC_ALL, LC_MESSAGES, LANG:
// zh_CN.UTF-8 → zh-CN), else English.
import i18next from 'i18next';
import { en } from './en/index.ts';
import { zhCN } from './zh-CN/index.ts';

export const CLI_LANGUAGES = ['en', 'zh-CN'] as const;
export type CliLanguage = (typeof CLI_LANGUAGES)[number];

type CatalogKey = keyof typeof en;
type BaseKey<K> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K;
export type CliMessageKey = BaseKey<CatalogKey>;
export type CliTranslate = (key: CliMessageKey, values?: Record<string, unknown>) => string;

/** A language tag or POSIX locale → one of ours, or null when it is neither English nor Simplified Chinese. */
export function languageOf(tag: string | undefined): CliLanguage | null {
  if (!tag) return null;
  const base = tag.trim().split(/[.@]/)[0].replace(/_/g, '-').toLowerCase();
  if (base === '' || base === 'c' || base === 'posix') return 'en';
  if (base === 'zh' || base === 'zh-cn' || base === 'zh-sg' || base.startsWith('zh-hans')) return 'zh-CN';
  if (base === 'en' || base.startsWith('en-')) return 'en';
  return null;
}

/**
 * The language to speak: the --lang value (a bad one is refused by the caller), else LEDGER_LANG,
 * else the first locale variable set (LC_ALL wins over LC_MESSAGES over LANG, as in POSIX); any
 * other language → English.
 */
export function pickCliLanguage(option: string | undefined, env: Record<string, string | undefined>): CliLanguage {
  if (option !== undefined) return languageOf(option) ?? 'en';
  const ledger = languageOf(env.LEDGER_LANG);
  if (ledger) return ledger;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return languageOf(locale) ?? 'en';
}

/**
 * `--lang X` / `--lang=X` taken out of the command line (every command accepts it, before or after
 * the command name). `value` is undefined when not given; `missing` when --lang has no value.
 */
export function takeLangOption(argv: string[]): { argv: string[]; value: string | undefined; missing: boolean } {
  const rest: string[] = [];
  let value: string | undefined;
  let missing = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--lang') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) missing = true;
      else {
        value = next;
        i++;
      }
    } else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
    else rest.push(arg);
  }
  return { argv: rest, value, missing };
}

export function createCliI18n(language: CliLanguage) {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...CLI_LANGUAGES],
    keySeparator: false,
    nsSeparator: false,
    // A terminal, not HTML: nothing to escape (terminalSafe guards every line written).
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

let current = createCliI18n('en');

/** Switches every later `t` (runCli calls it once per command line). */
export function setCliLanguage(language: CliLanguage): void {
  if (current.language !== language) current = createCliI18n(language);
}

export function cliLanguage(): CliLanguage {
  return current.language as CliLanguage;
}

/** The current language's text for `key`. */
export const t: CliTranslate = (key, values) => (current.t as unknown as (key: string, values?: object) => string)(key, values);

/** 12,345 in the current language's grouping (the same in English and Chinese). */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(cliLanguage()).format(n);
}
