// What a page shown in another language still says in English: the Latin-letter words of its text and
// of the attributes people read or hear (title, aria-label, placeholder, alt, aria-valuetext), minus
// the words of the event data on screen (stream ids, type names, payloads, hashes: shown as stored,
// never translated) and the few names that stay as they are (JSON, UTC, ID, Replay Ledger, English, Shift).
import type { Page } from '@playwright/test';

export interface LeftInEnglish {
  where: string;
  text: string;
  words: string[];
}

/** Names that are the same in every language: formats, the time zone, the product, the language switch's own name, key caps. */
const SAME_IN_EVERY_LANGUAGE = ['json', 'utc', 'id', 'replay', 'ledger', 'english', 'shift'];

/** Words of two or more Latin letters, lower-cased (single letters are version prefixes, key caps, the T and Z of ISO times). */
export function latinWords(text: string): string[] {
  return (text.match(/[A-Za-z]{2,}/g) ?? []).map((word) => word.toLowerCase());
}

export interface UntranslatedOptions {
  /** Texts shown as stored (event rows, replayed states, file names): their words may appear anywhere. */
  data: Iterable<string>;
  /** Elements not checked here (with the reason at the call site). */
  skip?: string[];
  /** Elements whose title is the projection module's own description (its author's words, like a type name). */
  moduleTitles?: string[];
}

export async function englishLeft(page: Page, { data, skip = [], moduleTitles = [] }: UntranslatedOptions): Promise<LeftInEnglish[]> {
  const allowed = new Set(SAME_IN_EVERY_LANGUAGE);
  for (const text of data) for (const word of latinWords(text)) allowed.add(word);
  const shown = await page.evaluate(
    ({ skip, moduleTitles }) => {
      const ATTRIBUTES = ['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'placeholder', 'alt'];
      const skipped = (element: Element) => skip.some((selector) => element.closest(selector));
      const describe = (element: Element) => {
        const testId = element.getAttribute('data-testid');
        const className = typeof element.className === 'string' ? element.className.split(' ')[0] : '';
        return `${element.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : className ? `.${className}` : ''}`;
      };
      const found: { where: string; text: string }[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) {
          const parent = node.parentElement;
          const text = node.textContent?.trim();
          if (parent && text && !['SCRIPT', 'STYLE'].includes(parent.tagName) && !skipped(parent)) found.push({ where: describe(parent), text });
          continue;
        }
        const element = node as Element;
        if (skipped(element)) continue;
        for (const attribute of ATTRIBUTES) {
          const value = element.getAttribute(attribute);
          if (!value || (attribute === 'title' && moduleTitles.some((selector) => element.matches(selector)))) continue;
          found.push({ where: `${describe(element)} @${attribute}`, text: value });
        }
      }
      return found;
    },
    { skip, moduleTitles },
  );
  return shown.map((s) => ({ ...s, words: latinWords(s.text).filter((word) => !allowed.has(word)) })).filter((s) => s.words.length > 0);
}
