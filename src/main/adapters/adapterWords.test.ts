// What kind of store is open is said in the reader's language (the Verify screen, ledger info, the
// report, the integrity badge): each adapter describes itself with words beside main's English.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapterText, ERROR_WORDS, englishError } from '../../shared/errorWords/index.ts';
import { chineseOf } from '../../shared/testing/chineseOf.ts';
import { cli } from '../../cli/testing.ts';
import { writeEmmettFile } from '../testing/emmettFile.ts';
import { tempDir, tempStore } from '../testing/tempFiles.ts';
import { openForViewing } from './openForViewing.ts';

const zh = chineseOf(ERROR_WORDS['zh-CN']);

describe('store descriptions in words', () => {
  const dir = tempDir('adapter-words');

  it('a Replay Ledger store and an Emmett file say what they are in both languages', async () => {
    const ledger = tempStore(dir);
    expect(ledger.info.adapterWords).toBeDefined();
    expect(englishError(ledger.info.adapterWords!)).toBe(ledger.info.adapter);
    expect(ledger.info.adapter).toMatch(/^Replay Ledger store \(schema \d+\)$/);
    expect(adapterText(ledger.info, zh)).toMatch(/^Replay Ledger 存储（架构版本 \d+）$/);

    const file = path.join(dir, 'emmett.db');
    await writeEmmettFile(file, [['cart-1', [{ type: 'Opened', data: {} }]]]);
    const emmett = openForViewing(file);
    try {
      expect(englishError(emmett.info.adapterWords!)).toBe(emmett.info.adapter);
      expect(emmett.info.adapter).toMatch(/^Emmett SQLite event store \(read-only adapter/);
      expect(adapterText(emmett.info, zh)).toMatch(/^Emmett SQLite 事件存储（只读适配器/);
      // ledger stats says it in the reader's language.
      expect((await cli('stats', file, '--lang', 'zh-CN')).stdout).toContain('Emmett SQLite 事件存储（只读适配器');
      expect((await cli('stats', file)).stdout).toContain('Emmett SQLite event store (read-only adapter');
    } finally {
      emmett.close?.();
    }
  });

  it('a description without words (an older main) is shown as written', () => {
    expect(adapterText({ adapter: 'Some store (schema 9)' }, zh)).toBe('Some store (schema 9)');
  });
});
