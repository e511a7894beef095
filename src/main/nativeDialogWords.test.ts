// The native dialogs speak the language the renderer tells main (app/setLanguage).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../shared/result.ts';
import { createLedgerApp } from './composition.ts';
import type { Host } from './ipc/handlers/host.ts';
import { NATIVE_DIALOG_WORDS, nativeDialogWords } from './nativeDialogWords.ts';
import { tempDir } from './testing/tempFiles.ts';

const dir = tempDir('native-dialogs');

/** Every string of the words, by where it is. */
function leaves(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => leaves(inner, at ? `${at}.${key}` : key));
}

describe('native dialog words', () => {
  it('has every English phrase in 简体中文 (the product name stays as it is)', () => {
    const en = leaves(NATIVE_DIALOG_WORDS.en);
    const zh = new Map(leaves(NATIVE_DIALOG_WORDS['zh-CN']));
    expect([...zh.keys()].sort()).toEqual(en.map(([at]) => at).sort());
    for (const [at, english] of en) {
      if (at === 'confirm.title') expect(zh.get(at)).toBe('Replay Ledger');
      else expect(zh.get(at), at).toMatch(/[\u4e00-\u9fff]/);
      expect(english).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('follows the OS locale main starts with: every Chinese tag is 简体中文, anything else English', () => {
    for (const tag of ['zh-CN', 'zh-TW', 'zh', 'ZH-hans']) expect(nativeDialogWords(tag).saveAs.title).toBe('另存为');
    for (const tag of ['en-US', 'de', '', null, undefined]) expect(nativeDialogWords(tag).saveAs.title).toBe('Save as');
  });

  it('main is told the renderer language through app/setLanguage, and refuses one it does not speak', async () => {
    const told: string[] = [];
    const host: Host = {
      mode: 'electron',
      version: '0.0.0-test',
      chooseOpenPath: async () => null,
      chooseSavePath: async () => null,
      confinesPaths: true,
      confirmPath: async () => false,
      setLanguage: (language) => told.push(language),
    };
    const ledger = createLedgerApp({ host, paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') } });
    const call = async (input: unknown) => (await ledger.dispatch('app/setLanguage', input)) as Result<null>;
    expect(await call({ language: 'zh-CN' })).toEqual({ ok: true, value: null });
    expect(await call({ language: 'en' })).toEqual({ ok: true, value: null });
    expect(await call({ language: 'fr' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call({ language: 'en', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(told).toEqual(['zh-CN', 'en']);
  });
});
