import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { differingSourceVersion, sourceOwner, sourceVersionTitle, versionLabel } from './sourceVersion.ts';

describe('source versions beside ours', () => {
  it('shows the source number only when it differs', () => {
    expect(versionLabel({ version: 3, sourceVersion: 2 })).toBe('v3 (source 2)');
    expect(versionLabel({ version: 3 })).toBe('v3');
    expect(versionLabel({ version: 3, sourceVersion: 3 })).toBe('v3');
    expect(versionLabel({ version: 12345, sourceVersion: 12344 })).toBe('v12,345 (source 12,344)');
  });

  it('keeps a source number of 0 (Message DB counts from 0)', () => {
    expect(differingSourceVersion({ version: 1, sourceVersion: 0 })).toBe(0);
    expect(versionLabel({ version: 1, sourceVersion: 0 })).toBe('v1 (source 0)');
  });

  it('explains the number, naming the layout when known', () => {
    expect(sourceVersionTitle({ version: 1, sourceVersion: 0 }, 'Message DB')).toMatch(/^Message DB's own number for this event in its stream is 0; .*version 1\)/);
    expect(sourceVersionTitle({ version: 1, sourceVersion: 0 })).toMatch(/^The source system's own number/);
    expect(sourceVersionTitle({ version: 4 }, 'Marten')).toBeUndefined();
  });

  it('names whose number it is', () => {
    expect(sourceOwner('Message DB')).toBe("Message DB's");
    expect(sourceOwner('Mapped table')).toBe("The table's");
    expect(sourceOwner(undefined)).toBe("The source system's");
    expect(sourceVersionTitle({ version: 1, sourceVersion: 0 }, 'Mapped table')).toMatch(/^The table's own number/);
  });

  it("speaks the reader's language, keeping the layout's own name and grouped numbers", async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      expect(versionLabel({ version: 12345, sourceVersion: 12344 })).toBe('v12,345（源编号 12,344）');
      expect(sourceOwner('Message DB')).toBe('Message DB 的');
      expect(sourceOwner(undefined, true)).toBe('源系统的');
      expect(sourceVersionTitle({ version: 1, sourceVersion: 0 }, 'Message DB')).toMatch(/^此事件在其流中按Message DB 的编号为 0；.*此为版本 1）/);
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(sourceOwner('Mapped table', true)).toBe("the table's");
  });
});
