import { describe, expect, it } from 'vitest';
import { findHardcodedText } from './hardcodedText.ts';

const texts = (source: string) => findHardcodedText('Sample.tsx', source).map((f) => `${f.where}: ${f.text}`);

describe('findHardcodedText', () => {
  it('finds JSX text with letters, in any script', () => {
    expect(texts('const a = <p>Open a store</p>; const b = <p>打开存储</p>;')).toEqual(['jsx-text: Open a store', 'jsx-text: 打开存储']);
  });

  it('finds literals in user-facing attributes, also inside conditions and templates', () => {
    expect(texts('const a = <button title="Refresh" aria-label={on ? "Stop" : `Start ${n}`} placeholder={x || "Filter"} />;')).toEqual([
      'attribute title: Refresh',
      'attribute aria-label: Stop',
      'attribute aria-label: Start',
      'attribute placeholder: Filter',
    ]);
  });

  it('finds literals shown as children', () => {
    expect(texts('const a = <span>{following ? "Following" : "Follow"}</span>;')).toEqual(['jsx-expression: Following', 'jsx-expression: Follow']);
  });

  it('leaves translated text, values, punctuation and technical attributes alone', () => {
    const source = `const a = (
      <div className="grid-row" data-testid="streams-list" href="#/streams" title={t('streams.title')}>
        {t('streams.count', { count })} · {stream.id} — <span>{'·'}</span> {n > 1 ? t('a') : t('b')}
        <input type="search" placeholder={t('streams.filter')} aria-label={label} />
      </div>
    );`;
    expect(texts(source)).toEqual([]);
  });

  it('lets a line marked i18n-verbatim through', () => {
    expect(texts('const a = (\n  // i18n-verbatim: the product name\n  <b>Replay Ledger</b>\n);')).toEqual([]);
  });
});
