// Tests of shared words: a translate function over one catalog's 简体中文, set up as the renderer's
// and the CLI's i18next instances are (flat keys, no escaping), without their whole catalogs; and
// the check that both languages of a catalog hold the same keys and places.
import i18next from 'i18next';
import { expect } from 'vitest';

export function chineseOf(catalog: Record<string, string>): (key: string, values?: Record<string, unknown>) => string {
  const instance = i18next.createInstance();
  void instance.init({ resources: { 'zh-CN': { translation: catalog } }, lng: 'zh-CN', keySeparator: false, nsSeparator: false, interpolation: { escapeValue: false }, initAsync: false });
  return (key, values) => instance.t(key, values ?? {}) as string;
}

/** Both languages of a words catalog hold the same keys, and each key the same {{places}}. */
export function expectSameKeysAndPlaces(catalog: { en: Record<string, string>; 'zh-CN': Record<string, string> }): void {
  const en = catalog.en;
  const zh = catalog['zh-CN'];
  expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  const places = (text: string) => [...text.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(en)) expect(places(zh[key]!), key).toEqual(places(en[key]!));
}
