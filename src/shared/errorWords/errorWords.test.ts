// Error words: English is the sentence main has always written (tests, --json and manifests match on
// it); Chinese says the same facts; what is not ours (paths, the server's text) stays as written.
import { describe, expect, it } from 'vitest';
import { englishError, ERROR_WORDS, errorText, words, type ErrorWords } from './index.ts';
import { chineseOf, expectSameKeysAndPlaces } from '../testing/chineseOf.ts';

const chinese = () => chineseOf(ERROR_WORDS['zh-CN']);

describe('error words', () => {
  it('both languages hold the same keys and the same places', () => {
    expectSameKeysAndPlaces(ERROR_WORDS);
  });

  it('fills words inside words and lists, in English exactly as the old sentences', () => {
    const fifo = words('errorWords.store.notAFile', { path: '/tmp/p', kind: words('errorWords.file.kind.fifo', {}) });
    expect(englishError(fifo)).toBe('/tmp/p is a named pipe (FIFO), not an event store file.');
    const grants = words('errorWords.pg.mayNotRead', {
      user: 'auditor',
      what: { list: [words('errorWords.pg.schema', { name: 'audit' }), words('errorWords.pg.table', { name: 'audit.events' })] },
      server: 'db:5432',
      grants: 'GRANT USAGE ON SCHEMA audit TO auditor;',
    });
    expect(englishError(grants)).toBe(
      "User 'auditor' may not read schema 'audit', table 'audit.events' on db:5432. Reading needs only USAGE on the schema and SELECT on the tables; ask the database administrator to run: GRANT USAGE ON SCHEMA audit TO auditor;",
    );
    const zh = errorText({ message: englishError(grants), words: grants }, chinese());
    expect(zh).toBe('用户“auditor”无权读取 db:5432 上的架构“audit”、表“audit.events”。读取只需要架构的 USAGE 权限和表的 SELECT 权限；请让数据库管理员执行：GRANT USAGE ON SCHEMA audit TO auditor;');
  });

  it('says the words in Chinese while they still make the message; otherwise shows the message as written', () => {
    const missing = words('errorWords.file.missing', { path: '/data/x.db' });
    const message = englishError(missing);
    expect(errorText({ message, words: missing }, chinese())).toBe('/data/x.db 处没有文件。');
    // A caller that added to the message, words from a newer main, facts of an unknown shape, none at all.
    expect(errorText({ message: `Import failed: ${message}`, words: missing }, chinese())).toBe(`Import failed: ${message}`);
    expect(errorText({ message: 'Something new.', words: { key: 'errorWords.future' as never, facts: {} } }, chinese())).toBe('Something new.');
    expect(errorText({ message, words: { key: 'errorWords.file.missing', facts: { path: { oops: 1 } as never } } }, chinese())).toBe(message);
    expect(errorText({ message }, chinese())).toBe(message);
    // Odd shapes from elsewhere (null facts, a null fact, no facts) never throw.
    for (const odd of [{ key: 'errorWords.file.missing', facts: null }, { key: 'errorWords.file.missing', facts: { path: null } }, { key: 'errorWords.file.missing' }, null]) {
      expect(errorText({ message, words: odd as never }, chinese())).toBe(message);
    }
  });

  it('asks the compiler for every fact a sentence needs', () => {
    // @ts-expect-error the sentence names a path
    const without: ErrorWords = words('errorWords.file.missing', {});
    expect(without.key).toBe('errorWords.file.missing');
  });
});
