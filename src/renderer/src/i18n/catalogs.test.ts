// The catalogs are complete and every screen goes through them: a key missing in either language,
// a key used in code but absent, or user-facing text written straight into a component fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHardcodedText } from '../../../../scripts/i18n/hardcodedText.ts';
import { en } from './en/index.ts';
import { zhCN } from './zh-CN/index.ts';
import { createI18n, LANGUAGES } from './index.ts';
import { createFormatters } from './format.ts';

const RENDERER = path.resolve(import.meta.dirname, '..');
const catalogs: Record<string, Record<string, string | undefined>> = { en, 'zh-CN': zhCN };

/**
 * Components NOT YET CONVERTED to the catalogs: other engineers are editing them right now (issue 15
 * was split so their work does not collide). Each entry is exempt from the hard-coded-text check
 * until it is converted; then it must be removed from this list. This list must shrink to EMPTY:
 * a file listed here that has no hard-coded text left fails the test, so converted files leave it.
 */
const NOT_YET_CONVERTED = [
];

function files(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full, ext);
    return entry.name.endsWith(ext) && !entry.name.endsWith(`.test${ext}`) ? [full] : [];
  });
}

const relative = (file: string) => path.relative(RENDERER, file).split(path.sep).join('/');

/** The plural forms a language needs (`one`, `other` for English; `other` only for Chinese). */
const pluralCategories = (language: string) => new Intl.PluralRules(language).resolvedOptions().pluralCategories;
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseOf = (key: string) => key.replace(PLURAL, '');
const isPluralBase = (catalog: Record<string, unknown>, base: string) => `${base}_other` in catalog;
const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();
/** The markup tags of a <Message> sentence (`<open>…</open>`, `<what/>`), in any order. */
const tags = (text: string) => [...text.matchAll(/<\/?([a-zA-Z][\w-]*)\s*\/?>/g)].map((m) => m[0].replace(/\s+/g, '')).sort();
// HTML's void elements cannot hold text: Trans drops what a `<link>…</link>` wraps.
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

describe('message catalogs', () => {
  it('have the same keys in every language, with the plural forms each language needs', () => {
    const bases = new Set(Object.keys(en).map(baseOf));
    const problems: string[] = [];
    for (const language of LANGUAGES) {
      const catalog = catalogs[language];
      for (const base of bases) {
        if (isPluralBase(en, base)) {
          for (const category of pluralCategories(language)) if (!catalog[`${base}_${category}`]) problems.push(`${language}: missing ${base}_${category}`);
        } else if (!catalog[base]) problems.push(`${language}: missing ${base}`);
      }
      for (const key of Object.keys(catalog)) {
        if (!bases.has(baseOf(key))) problems.push(`${language}: ${key} is not in the English catalog`);
        const match = PLURAL.exec(key);
        if (match && !pluralCategories(language).includes(match[1] as Intl.LDMLPluralRule)) problems.push(`${language}: ${key} is a plural form ${language} does not have`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('use the same placeholders in every language', () => {
    const problems: string[] = [];
    for (const [key, text] of Object.entries(en)) {
      const zh = zhCN[key] ?? zhCN[`${baseOf(key)}_other`];
      if (zh !== undefined && variables(zh).join() !== variables(text).join() && !(PLURAL.test(key) && variables(zh).filter((v) => v !== 'count').join() === variables(text).filter((v) => v !== 'count').join())) problems.push(`${key}: en {${variables(text)}} vs zh-CN {${zh && variables(zh)}}`);
    }
    expect(problems).toEqual([]);
  });

  it('use the same markup tags in every language, none of them an HTML void element', () => {
    const problems: string[] = [];
    for (const [key, text] of Object.entries(en)) {
      const zh = zhCN[key] ?? zhCN[`${baseOf(key)}_other`];
      if (zh !== undefined && tags(zh).join() !== tags(text).join()) problems.push(`${key}: en ${tags(text)} vs zh-CN ${tags(zh)}`);
      for (const tag of tags(text)) if (VOID.has(tag.replace(/[</>]/g, ''))) problems.push(`${key}: <${tag}> is an HTML void element`);
    }
    expect(problems).toEqual([]);
  });

  it('have every key the code asks for, in both languages', () => {
    const used = new Map<string, string>();
    for (const file of [...files(RENDERER, '.tsx'), ...files(RENDERER, '.ts')]) {
      const text = fs.readFileSync(file, 'utf8');
      // t('key'), t("key"), and keys listed as `'key' satisfies MessageKey` in lookup tables.
      for (const match of text.matchAll(/\bt\(\s*(['"])([\w.\-:]+)\1/g)) used.set(match[2], relative(file));
      for (const match of text.matchAll(/(['"])([\w.\-:]+)\1\s+satisfies\s+MessageKey/g)) used.set(match[2], relative(file));
      for (const match of text.matchAll(/<Message\s+k=(['"])([\w.\-:]+)\1/g)) used.set(match[2], relative(file));
    }
    expect(used.size).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const [key, file] of used) {
      for (const language of LANGUAGES) {
        const catalog = catalogs[language];
        if (!catalog[key] && !catalog[`${key}_other`]) missing.push(`${language}: ${key} (used in ${file})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('hard-coded text in components', () => {
  const components = files(RENDERER, '.tsx');

  it('is found nowhere outside the files not yet converted', () => {
    const found = components
      .filter((file) => !NOT_YET_CONVERTED.includes(relative(file)))
      .flatMap((file) => findHardcodedText(relative(file), fs.readFileSync(file, 'utf8')))
      .map((f) => `${f.file}:${f.line} ${f.where}: ${f.text}`);
    expect(found).toEqual([]);
  });

  it('keeps the not-yet-converted list honest: every entry exists and still has text to convert', () => {
    for (const entry of NOT_YET_CONVERTED) {
      const file = path.join(RENDERER, entry);
      expect(fs.existsSync(file), `${entry} is listed but does not exist`).toBe(true);
      expect(findHardcodedText(entry, fs.readFileSync(file, 'utf8')).length, `${entry} is converted: remove it from NOT_YET_CONVERTED`).toBeGreaterThan(0);
    }
  });
});

describe('plurals and numbers', () => {
  it('says "1 event" / "2 events" in English and "1 个事件" in Chinese, with grouped numbers', () => {
    const english = createI18n('en');
    expect(english.t('common.events', { count: 1 })).toBe('1 event');
    expect(english.t('common.events', { count: 2 })).toBe('2 events');
    expect(english.t('common.events', { count: 12345 })).toBe('12,345 events');
    const chinese = createI18n('zh-CN');
    expect(chinese.t('common.events', { count: 1 })).toBe('1 个事件');
    expect(chinese.t('common.events', { count: 2 })).toBe('2 个事件');
    expect(chinese.t('common.events', { count: 12345 })).toBe('12,345 个事件');
  });

  it('formats numbers and dates with Intl for the current language', () => {
    expect(createFormatters('en').number(1234567)).toBe('1,234,567');
    expect(createFormatters('zh-CN').number(1234567)).toBe('1,234,567');
    expect(createFormatters('en').percent(0.42)).toBe('42%');
    const when = Date.UTC(2026, 3, 11, 11, 47, 7);
    expect(createFormatters('zh-CN').date(when)).toMatch(/^2026年4月1[01]日$/);
    expect(createFormatters('en').date(when)).toMatch(/^Apr 1[01], 2026$/);
    expect(createFormatters('en').date('not a date')).toBe('not a date');
  });
});
