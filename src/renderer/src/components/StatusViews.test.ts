// The error view says main's error in the reader's language when main sent its words (a file that
// is not a store, opened from the start screen), and as main wrote it otherwise.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { toErrorInfo } from '../../../main/errors.ts';
import { fileError } from '../../../main/fileErrors.ts';
import { i18n } from '../i18n/index.ts';
import { ErrorView, MoreRowsNote } from './StatusViews.tsx';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const missing = toErrorInfo(fileError(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }), '/cases/4711/store.db'));

describe('ErrorView', () => {
  it('shows main’s English sentence in English', () => {
    const shown = text(renderToStaticMarkup(createElement(ErrorView, { error: missing })));
    expect(shown).toContain('No file at /cases/4711/store.db.');
  });

  it('says the words in 简体中文, the path as written, in the view and in a list’s “could not load more” row', async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      const shown = text(renderToStaticMarkup(createElement(ErrorView, { error: missing })));
      expect(shown).toContain('/cases/4711/store.db 处没有文件。');
      expect(shown).not.toContain('No file at');
      const more = text(renderToStaticMarkup(createElement(MoreRowsNote, { error: missing, onRetry: () => {} })));
      expect(more).toContain('/cases/4711/store.db 处没有文件。');
      // An error without words (from an older main, or a sentence not yet in words) is shown as written.
      const plain = text(renderToStaticMarkup(createElement(ErrorView, { error: { code: 'INTERNAL', message: 'Unexpected error: boom' } })));
      expect(plain).toContain('Unexpected error: boom');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
