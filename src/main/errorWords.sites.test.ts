// The errors people meet first, made by the code that meets them (a file that is not a store, a
// server that refuses), carry their words across IPC: English stays main's sentence, Chinese says
// the same facts, and only what is not ours (paths, names, the server's text) is left in Latin.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishError, ERROR_WORDS, errorText } from '../shared/errorWords/index.ts';
import { chineseOf } from '../shared/testing/chineseOf.ts';
import { pgError } from './adapters/postgres/pgErrors.ts';
import { parsePgTarget } from './adapters/postgres/target.ts';
import { CancelledError, toErrorInfo } from './errors.ts';
import { createReplayEngine } from './replay/replayEngine.ts';
import { resolveRange } from './report/reportRequest.ts';
import { parseMaskPath } from './masking/maskPath.ts';
import { parsePolicy } from './masking/policy.ts';
import { verifyExport } from './export/verifyExport.ts';
import { checkFolder } from './projections/catalog.ts';
import type { StreamSummary } from '../shared/types.ts';
import { whatIf } from './replay/whatIf.ts';
import { toAsyncReader } from './store/asyncReader.ts';
import { openStore } from './store/openStore.ts';
import { tempDir, tempStore } from './testing/tempFiles.ts';

const zh = chineseOf(ERROR_WORDS['zh-CN']);

function thrown(run: () => unknown): ReturnType<typeof toErrorInfo> {
  try {
    run();
  } catch (error) {
    return toErrorInfo(error);
  }
  throw new Error('did not throw');
}

/** The Chinese text with the given facts taken out: what is left must be ours, and not Latin. */
function leftOver(text: string, ...facts: string[]): string {
  return facts.reduce((rest, fact) => rest.split(fact).join(''), text);
}

describe('errors said in the reader’s language', () => {
  const dir = tempDir('error-words');
  const files = {
    text: path.join(dir, 'notes.txt'),
    empty: path.join(dir, 'empty.db'),
    fifo: path.join(dir, 'pipe.db'),
    missing: path.join(dir, 'gone.db'),
    folder: path.join(dir, 'folder.db'),
  };
  fs.writeFileSync(files.text, 'not a database at all, just some text that is long enough to be read as a header');
  fs.writeFileSync(files.empty, '');
  execFileSync('mkfifo', [files.fifo]);
  fs.mkdirSync(files.folder);

  it.each([
    ['text', /^.+notes\.txt is not an SQLite database \(its first bytes are not the SQLite signature\)\.$/, '不是 SQLite 数据库'],
    ['empty', /^.+empty\.db is empty \(0 bytes\): it is not an event store\.$/, '是空文件'],
    ['fifo', /^.+pipe\.db is a named pipe \(FIFO\), not an event store file\.$/, '命名管道（FIFO）'],
    ['missing', /^No file at .+gone\.db\.$/, '处没有文件'],
    ['folder', /^.+folder\.db is a folder, not an event store file\.$/, '是文件夹'],
  ] as const)('opening the %s file: English as before, Chinese with the path as written', (name, english, chinese) => {
    const info = thrown(() => openStore(files[name]));
    expect(info.message).toMatch(english);
    expect(info.words).toBeDefined();
    const said = errorText(info, zh);
    expect(said).toContain(files[name]);
    expect(said).toContain(chinese);
    expect(leftOver(said, files[name], 'SQLite', 'FIFO')).not.toMatch(/[A-Za-z]/);
  });

  it('a server that refuses, cannot be reached or lacks a grant: the server’s own text and the SQL stay as written', () => {
    const url = 'postgres://auditor@db.example:5432/shop';
    const refused = toErrorInfo(pgError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), url));
    expect(refused.message).toBe('Cannot reach the PostgreSQL server at db.example:5432: the connection was refused — is the server running and listening on that port?.');
    expect(leftOver(errorText(refused, zh), 'PostgreSQL', 'db.example:5432')).not.toMatch(/[A-Za-z]/);

    const password = toErrorInfo(pgError(Object.assign(new Error('password authentication failed for user "auditor"'), { code: '28P01' }), url));
    expect(password.message).toBe("The server refused the password for user 'auditor' on db.example:5432. Check the user name and password.");
    expect(errorText(password, zh)).toBe('db.example:5432 拒绝了用户“auditor”的密码。请检查用户名和密码。');

    const grant = toErrorInfo(pgError(Object.assign(new Error('permission denied for table mt_events'), { code: '42501' }), url, { schema: 'audit' }));
    expect(grant.message).toMatch(/^User 'auditor' may not read table 'audit\.mt_events' on db\.example:5432\. .* GRANT USAGE ON SCHEMA audit TO auditor; GRANT SELECT ON audit\.mt_events TO auditor;$/);
    const grantZh = errorText(grant, zh);
    expect(grantZh).toContain('GRANT USAGE ON SCHEMA audit TO auditor; GRANT SELECT ON audit.mt_events TO auditor;');
    expect(leftOver(grantZh, 'GRANT USAGE ON SCHEMA audit TO auditor; GRANT SELECT ON audit.mt_events TO auditor;', 'auditor', 'audit.mt_events', 'db.example:5432', 'USAGE', 'SELECT')).not.toMatch(/[A-Za-z]/);

    const server = toErrorInfo(pgError(Object.assign(new Error('could not extend file: No space left on device'), { code: '53100' }), url));
    expect(errorText(server, zh)).toBe('db.example:5432 返回 PostgreSQL 错误 53100：could not extend file: No space left on device。');
  });

  it('a URL that does not parse: its password is hidden in the words as in the message', () => {
    const info = thrown(() => parsePgTarget('postgres://auditor:s3cret@db:notaport/shop', {}));
    expect(JSON.stringify(info)).not.toContain('s3cret');
    expect(errorText(info, zh)).not.toContain('s3cret');
    expect(errorText(info, zh)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a version the stream does not have, a what-if that skips one, an unknown projection: ids as stored', async () => {
    const store = tempStore();
    store.append('cart-7', [{ type: 'CartOpened', data: {} }, { type: 'ItemAdded', data: { sku: 'A', quantity: 1, unitPrice: 1 } }]);
    const engine = createReplayEngine(toAsyncReader(store));
    const failure = async (run: () => Promise<unknown>) => run().then(() => { throw new Error('did not fail'); }, (error: unknown) => toErrorInfo(error));
    const missing = await failure(() => engine.stateAt('cart-7', { version: 9 }));
    expect(missing.message).toBe("Stream 'cart-7' has versions 0 to 2; version 9 does not exist.");
    expect(errorText(missing, zh)).toBe('流“cart-7”的版本为 0 至 2；版本 9 不存在。');
    const skip = await failure(() => whatIf(toAsyncReader(store), engine, { streamId: 'cart-7', a: { skip: [5] }, b: { skip: [] } }));
    expect(errorText(skip, zh)).toMatch(/^a 侧不能跳过版本 5：流“cart-7”的版本为 1 至 2。$/);
    const projection = await failure(() => engine.stateAt('cart-7', { version: 1 }, { projection: 'nope' }));
    expect(errorText(projection, zh)).toMatch(/^未知的投影“nope”。可用的投影：[\w, -]+。$/);
  });

  it('a report range outside the stream says the versions it has, in Chinese too', () => {
    const stream = { streamId: 'cart-7', version: 3 } as StreamSummary;
    const outside = thrown(() => resolveRange(stream, { streamId: 'cart-7', versions: [2, 9] }));
    expect(outside.message).toBe("Stream 'cart-7' has states at versions 0 to 3; there is none at 9.");
    expect(errorText(outside, zh)).toBe('流“cart-7”的状态位于版本 0 至 3；9 处没有状态。');
    const start = thrown(() => resolveRange(stream, { streamId: 'cart-7', fromVersion: 5 }));
    expect(errorText(start, zh)).toBe('流“cart-7”的版本为 1 至 3；范围不能从 5 开始。');
  });

  it('a masking path that cannot be read says where and why, the path as typed, also inside a policy file', () => {
    const path = thrown(() => parseMaskPath('data.items[x'));
    expect(path.message).toBe("The masking path 'data.items[x' cannot be read at character 11: '[' is not closed by ']'. Paths look like data.customer.email, metadata.actor, data.items[].name or data.*.email.");
    expect(errorText(path, zh)).toBe('无法读取脱敏路径“data.items[x”的第 11 个字符：“[”没有以“]”闭合。路径形如 data.customer.email、metadata.actor、data.items[].name 或 data.*.email。');
    const policy = thrown(() => parsePolicy('{"paths": ["customer.email"]}', 'policy.json'));
    expect(policy.message).toBe("The masking policy policy.json, paths[0]: The masking path 'customer.email' cannot be read at character 1: a path starts with 'data' or 'metadata', not 'customer'. Paths look like data.customer.email, metadata.actor, data.items[].name or data.*.email.");
    expect(errorText(policy, zh)).toMatch(/^脱敏策略 policy\.json，paths\[0\]：无法读取脱敏路径“customer\.email”的第 1 个字符：路径须以 data 或 metadata 开头，而不是“customer”。/);
  });

  it('an export bundle or a projections folder that is not there, and one that is a file', async () => {
    const failure = async (run: () => Promise<unknown>) => run().then(() => { throw new Error('did not fail'); }, (error: unknown) => toErrorInfo(error));
    const bundle = await failure(() => verifyExport(files.missing));
    expect(bundle.message).toBe(`No export bundle at ${files.missing}.`);
    expect(errorText(bundle, zh)).toBe(`${files.missing} 处没有导出包。`);
    const noManifest = await failure(() => verifyExport(files.folder));
    expect(leftOver(errorText(noManifest, zh), files.folder)).toMatch(/^ 中没有导出清单（\*\.manifest\.json）：它不是导出包。$/);
    const projections = await failure(() => checkFolder(files.text));
    expect(errorText(projections, zh)).toBe(`${files.text} 是文件，不是文件夹：请给出存放 *.projection.* 文件的文件夹。`);
  });
});

describe('cancelled', () => {
  const zhCancel = chineseOf(ERROR_WORDS['zh-CN']);
  it('says what was cancelled in the reader’s language where the subject is one of ours, and as written where it names something', () => {
    for (const [what, chinese] of [['Export', '导出已取消。'], ['Import', '导入已取消。'], ['The copy', '复制已取消。'], ['Verification', '校验已取消。'], [undefined, '操作已取消。']] as const) {
      const error = new CancelledError(what);
      expect(error.message).toBe(`${what ?? 'Operation'} was cancelled.`);
      expect(englishError(error.words!)).toBe(error.message);
      expect(errorText(toErrorInfo(error), zhCancel)).toBe(chinese);
    }
    const named = new CancelledError("Replaying 'cart-1'");
    expect([named.message, named.words]).toEqual(["Replaying 'cart-1' was cancelled.", undefined]);
  });
});
