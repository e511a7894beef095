// Tests of shared words: a translate function over one catalog's 简体中文, set up as the renderer's
// and the CLI's i18next instances are (flat keys, no escaping), without their whole catalogs.
import i18next from 'i18next';

export function chineseOf(catalog: Record<string, string>): (key: string, values?: Record<string, unknown>) => string {
  const instance = i18next.createInstance();
  void instance.init({ resources: { 'zh-CN': { translation: catalog } }, lng: 'zh-CN', keySeparator: false, nsSeparator: false, interpolation: { escapeValue: false }, initAsync: false });
  return (key, values) => instance.t(key, values ?? {}) as string;
}
