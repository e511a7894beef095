// A query that does not parse says why in the reader's language: the parser's words, with the
// query's own text (a field's name, a value) as typed.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseSearch } from '../../../../shared/searchQuery.ts';
import { i18n } from '../../i18n/index.ts';
import { ParseProblem } from './ParseProblem.tsx';

const messageOf = (html: string) => (/data-testid="search-problem-message">(.*?)<\/p>/s.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '');

function shown(q: string, withWords = true): string {
  const parsed = parseSearch(q);
  if (parsed.ok) throw new Error(`${q} parsed`);
  return messageOf(renderToStaticMarkup(createElement(ParseProblem, { q, problem: parsed.problem, ...(withWords && parsed.words ? { words: parsed.words } : {}), onLiteral: () => {} })));
}

describe('ParseProblem', () => {
  const queries = ['"unclosed', 'type:', '(a OR b', 'a AND', 'NOT', '()'];

  it('says the parser’s English as it wrote it', () => {
    for (const q of queries) {
      const parsed = parseSearch(q);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(shown(q)).toContain(parsed.problem.message.replaceAll('"', '&quot;').slice(0, 20));
    }
  });

  it('says it in 简体中文, without the parser’s English', async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      for (const q of queries) {
        const parsed = parseSearch(q);
        if (parsed.ok) throw new Error(q);
        const chinese = shown(q);
        expect(chinese).toMatch(/[\u4e00-\u9fff]/);
        expect(chinese).not.toContain(parsed.problem.message);
        // Without words (an older main's problem) the message is shown as written.
        expect(shown(q, false)).toContain(parsed.problem.message.replaceAll('"', '&quot;').slice(0, 20));
      }
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
