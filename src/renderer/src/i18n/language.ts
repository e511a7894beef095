// Which language the renderer speaks: `?lang=` in the address (links, tests) wins, then the choice
// remembered from the header's switch, then the OS / browser languages; anything else is English.
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_KEY = 'replay-ledger.language';

/** Maps a BCP 47 tag to a catalog we have: every Chinese tag to 简体中文, English for the rest. */
export function supportedLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  return null;
}

export interface LanguageSources {
  /** `window.location.search`, e.g. `?lang=zh-CN`. */
  search?: string;
  /** What the header's switch remembered (localStorage). */
  stored?: string | null;
  /** `navigator.languages`, most preferred first. */
  preferred?: readonly string[];
}

export function pickLanguage({ search = '', stored = null, preferred = [] }: LanguageSources): Language {
  const fromUrl = supportedLanguage(new URLSearchParams(search).get('lang'));
  if (fromUrl) return fromUrl;
  const remembered = supportedLanguage(stored);
  if (remembered) return remembered;
  // The first preferred language we have a catalog for decides (a German-then-Chinese reader gets 中文).
  for (const tag of preferred) {
    const match = supportedLanguage(tag);
    if (match) return match;
  }
  return 'en';
}
