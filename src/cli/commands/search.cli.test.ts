// ledger search on a demo store: counts and items agree with a plain read of the log, the JSON
// shape is `ledger events --json`'s, paging by --after covers every match once, and a query that
// does not parse is exit 2 with a caret under where it stopped and the --literal hint.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../main/testing/tempFiles.ts';
import { cli, spawnCli } from '../testing.ts';
import { caretUnder } from './search.ts';

describe('ledger search', () => {
  const dir = tempDir('ledger-search-cli');
  const file = path.join(dir, 'demo.db');
  let all: { position: number; type: string; streamId: string; data: unknown; metadata: unknown }[] = [];

  beforeAll(async () => {
    const made = spawnCli('demo', '--out', file, '--streams', '20', '--events', '600', '--long-streams', '1', '--long-events', '200', '--seed', 'search-cli');
    expect(made.code).toBe(0);
    const read = await cli('events', file, '--all', '--json');
    all = read.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(all.length).toBeGreaterThan(500);
  });

  /** The brute-force answer: events whose text contains `needle`, ignoring case. */
  const containing = (needle: string) =>
    all.filter((e) => [JSON.stringify(e.data), JSON.stringify(e.metadata), e.streamId, e.type].join('\n').toLowerCase().includes(needle.toLowerCase()));

  it('prints { total, items as ledger events --json prints them, next, facets } and pages with --after', async () => {
    const sku = (all.find((e) => e.type === 'ItemAdded')?.data as { sku: string }).sku;
    const expected = containing(sku).map((e) => e.position);
    expect(expected.length).toBeGreaterThan(1);
    const first = await cli('search', file, sku, '--json', '--limit', '1', '--facets');
    expect(first.code).toBe(0);
    const page = JSON.parse(first.stdout);
    expect(page.total).toBe(expected.length);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toEqual(all.find((e) => e.position === page.items[0].position));
    expect(page.facets.types.reduce((s: number, t: { count: number }) => s + t.count, 0)).toBe(expected.length);
    const seen: number[] = page.items.map((e: { position: number }) => e.position);
    let next: string | null = page.next;
    while (next !== null) {
      const more = JSON.parse((await cli('search', file, sku, '--json', '--limit', '1', '--after', next)).stdout);
      seen.push(...more.items.map((e: { position: number }) => e.position));
      next = more.next;
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(expected);
  });

  it('says the count in words and lists the rows', async () => {
    const { code, stdout } = await cli('search', file, 'type:CartCheckedOut');
    expect(code).toBe(0);
    const count = all.filter((e) => e.type === 'CartCheckedOut').length;
    expect(stdout).toContain(`${count.toLocaleString('en-US')} events match`);
    expect(stdout).toMatch(/CartCheckedOut/);
  });

  it('a query that does not parse: exit 2, the position under the query, and the --literal hint; --literal then searches it', async () => {
    const bad = await cli('search', file, 'data.total>');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/could not be read at character \d+/);
    expect(bad.stderr).toContain('  data.total>\n');
    expect(bad.stderr).toMatch(/\n {2} *\^\n/);
    expect(bad.stderr).toContain('--literal');
    // In 简体中文 the reason is said in Chinese too (the query as typed); --json stays English.
    const unclosed = await cli('search', file, 'type:"x', '--lang', 'zh-CN');
    expect(unclosed.code).toBe(2);
    const english = await cli('search', file, 'type:"x');
    expect(english.stderr).toContain('This quote is never closed');
    expect(unclosed.stderr).not.toContain('This quote is never closed');
    expect(unclosed.stderr.split('\n')[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(unclosed.stderr.split('\n')[0].replace(/ledger search|--literal|"/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    expect((await cli('search', file, 'type:"x', '--json', '--lang', 'zh-CN')).stdout).toBe((await cli('search', file, 'type:"x', '--json')).stdout);
    const literal = await cli('search', file, 'data.total>', '--literal', '--json');
    expect(literal.code).toBe(0);
    expect(JSON.parse(literal.stdout).total).toBe(containing('data.total>').length);
  });

  it('the caret stands under the character where reading stopped, also in a window of a long query', () => {
    expect(caretUnder('type:(', 5)).toBe('  type:(\n       ^\n');
    const long = `${'a'.repeat(500)}(${'b'.repeat(500)}`;
    const shown = caretUnder(long, 500).split('\n');
    expect(shown[0].length).toBeLessThan(100);
    expect(shown[0][shown[1].indexOf('^')]).toBe('(');
  });

  it('without a query: a usage error that says what to give', async () => {
    const { code, stderr } = await cli('search', file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/What to search for/);
  });
});
