// Every finding the checks make carries its words: English is the message main has always written
// (the checks' own tests pin it), Chinese says the same facts, and once the facts' own text (ids,
// type, table, column and index names, values, hashes, SQLite's messages) is taken out, what is left
// holds no Latin letter but the code names an auditor types as they are (ledger_head, SQLite …).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { englishError, ERROR_WORDS, errorText, type ErrorFact, type ErrorWords } from '../../shared/errorWords/index.ts';
import type { VerifyFinding } from '../../shared/verify.ts';
import { chineseOf } from '../../shared/testing/chineseOf.ts';
import { CHAINLESS_FINDING_SCENARIOS } from '../testing/chainlessFindingScenarios.ts';
import { FINDING_SCENARIOS, writeCleanStore } from '../testing/findingScenarios.ts';
import { editIndexOnly } from '../testing/tamper.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { verify } from './verify.ts';

const zh = chineseOf(ERROR_WORDS['zh-CN']);

/** Written as they are in Chinese too: the store's table and column names, SQLite and its check, ID. */
const CODE_NAMES = ['UNIQUE (stream_id, version)', 'event_type_hours', 'event_types', 'ledger_head', 'integrity_check', 'last_position', 'event_count', 'stream_count', 'SQLite', 'UTF-8', 'streams', 'events', 'ID'];

/** Facts that hold someone else's sentence (SQLite's): the only ones that may read as English. */
const FOREIGN_SENTENCES = new Set(['error', 'problem']);

/** [name, text] of every plain fact, in nested words and lists too; and every key said. */
function factsOf(said: ErrorWords, keys = new Set<string>()): { facts: [string, string][]; keys: Set<string> } {
  keys.add(said.key);
  const facts: [string, string][] = [];
  const visit = (name: string, fact: ErrorFact) => {
    if (typeof fact !== 'object') facts.push([name, String(fact)]);
    else if ('key' in fact) facts.push(...factsOf(fact, keys).facts);
    else fact.list.forEach((item) => visit(name, item));
  };
  for (const [name, fact] of Object.entries(said.facts)) visit(name, fact);
  return { facts, keys };
}

const without = (text: string, part: string) => text.split(part).join('');

/** Checks one finding's words; returns the keys it said. */
function expectSaidInChinese(finding: VerifyFinding): Set<string> {
  expect(finding.words, finding.message).toBeDefined();
  const said = finding.words as ErrorWords;
  expect(englishError(said)).toBe(finding.message);
  const chinese = errorText(finding, zh);
  expect(chinese).not.toBe(finding.message);
  expect(chinese).toMatch(/[\u4e00-\u9fff]/);
  const { facts, keys } = factsOf(said);
  // No fragment of our English smuggled in as a fact ("between positions …", "different events").
  for (const [name, text] of facts) if (!FOREIGN_SENTENCES.has(name)) expect(text, `${said.key} ${name}`).not.toMatch(/[A-Za-z]{2,} [A-Za-z]{2,}/);
  const texts = facts.map(([, text]) => text).sort((a, b) => b.length - a.length);
  const ours = CODE_NAMES.reduce(without, texts.reduce(without, chinese));
  expect(ours, chinese).not.toMatch(/[A-Za-z]/);
  return keys;
}

/** Finding keys no scenario can reach: a damaged page before the first event also fails the store's opening. */
const UNREACHED = ['errorWords.finding.walkStoppedAtStart'];

describe('verify findings said in the reader’s language', () => {
  const dir = tempDir('finding-words');
  const clean = path.join(dir, 'clean.db');
  let head: string;
  const said = new Set<string>();
  beforeAll(() => {
    head = writeCleanStore(clean);
  });

  for (const [i, scenario] of FINDING_SCENARIOS.entries()) {
    it(`a store with ${scenario.name}`, async () => {
      const file = path.join(dir, `tampered-${i}.db`);
      fs.copyFileSync(clean, file);
      const findings = await scenario.findings(file, head);
      expect(findings.length).toBeGreaterThan(0);
      for (const finding of findings) expectSaidInChinese(finding).forEach((key) => said.add(key));
    });
  }

  for (const scenario of CHAINLESS_FINDING_SCENARIOS) {
    it(`a store without a chain: ${scenario.name}`, async () => {
      const findings = await scenario.findings(dir);
      expect(findings.length).toBeGreaterThan(0);
      for (const finding of findings) expectSaidInChinese(finding).forEach((key) => said.add(key));
    });
  }

  it('the scenarios say every finding sentence there is', () => {
    const all = Object.keys(ERROR_WORDS.en).filter((key) => key.startsWith('errorWords.finding.'));
    expect(all.filter((key) => !said.has(key)).sort()).toEqual(UNREACHED);
  });

  it('keeps the words of findings made on the index worker thread', async () => {
    const file = path.join(dir, 'index-worker.db');
    fs.copyFileSync(clean, file);
    editIndexOnly(file, 'events_by_stream_replay', 14, 'data', '{"amount":99}');
    let thread: string | null = null;
    const report = await verify(file, { checkWorker: true, onIndexCheck: (where) => (thread = where) });
    expect(thread).toBe('worker');
    const [finding] = report.findings.filter((f) => f.check === 'index');
    expect(finding.words).toMatchObject({ key: 'errorWords.finding.indexDisagrees', facts: { index: 'events_by_stream_replay', position: 14, column: 'data' } });
    expect(errorText(finding, zh)).toContain('索引 events_by_stream_replay 在位置 14 处与 events 表不一致（data：索引为 "{\\"amount\\":99}"');
  });

  it('says a deletion with its stream and the renumbering behind it as one sentence, each part in Chinese', async () => {
    const file = path.join(dir, 'renumbered.db');
    fs.copyFileSync(clean, file);
    const findings = await FINDING_SCENARIOS.find((s) => s.name === 'a deletion hidden by renumbering')!.findings(file, head);
    const deleted = findings.find((f) => f.kind === 'deleted')!;
    expect(deleted.message).toBe(
      "Position 12 is missing from the chain: the event stored at position 12 links to an event that is no longer in the store. The events after it were renumbered by -1 to hide the gap. It was version 4 of stream 'account-2'.",
    );
    expect(errorText(deleted, zh)).toBe(
      '哈希链中缺少位置 12：存储在位置 12 处的事件链接到一个已不在存储中的事件。其后的事件被重新编号（位移 -1），以掩盖这处缺口。缺失的是流“account-2”的版本 4。',
    );
  });
});
