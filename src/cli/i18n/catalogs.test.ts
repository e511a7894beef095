// The CLI's catalogs are complete and its human output goes through them: a key missing in either
// language, a key used in code but absent, different placeholders, or English written straight into
// an output call (io.stdout / io.stderr, a usage or ledger error, a table heading, a help text, a
// line pushed for printing) fails here. --json and file contents are machine output: a literal
// that is such (a manifest field, a JSON key) carries a `cli-verbatim` comment on its line or above.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';
import { en } from './en/index.ts';
import { zhCN } from './zh-CN/index.ts';
import { CLI_LANGUAGES, createCliI18n, languageOf, pickCliLanguage, takeLangOption } from './index.ts';
import { cli } from '../testing.ts';
import { children, type Node } from '../../../scripts/i18n/hardcodedText.ts';

const CLI = path.resolve(import.meta.dirname, '..');
const catalogs: Record<string, Record<string, string | undefined>> = { en, 'zh-CN': zhCN };

/**
 * Files NOT YET CONVERTED: their human output is still English only. Each entry is exempt from the
 * hard-coded-text check and must leave this list once converted (an entry with nothing left to
 * convert fails the test).
 */
export const NOT_YET_CONVERTED: string[] = [];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : files(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'testing.ts' ? [full] : [];
  });
}
const relative = (file: string) => path.relative(CLI, file).split(path.sep).join('/');

const pluralCategories = (language: string) => new Intl.PluralRules(language).resolvedOptions().pluralCategories;
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseOf = (key: string) => key.replace(PLURAL, '');
const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();

// --- the hard-coded English finder --------------------------------------------------------------


/** The literals an expression can evaluate to (through ?:, ||, ??, &&, +, templates and their parts). */
function literalsOf(node: Node | null | undefined): Node[] {
  if (!node) return [];
  switch (node.type) {
    case 'StringLiteral':
      return [node];
    case 'TemplateLiteral':
      return [node, ...(node.expressions as Node[]).flatMap(literalsOf)];
    case 'ConditionalExpression':
      return [...literalsOf(node.consequent as Node), ...literalsOf(node.alternate as Node)];
    case 'LogicalExpression':
      return [...literalsOf(node.left as Node), ...literalsOf(node.right as Node)];
    case 'BinaryExpression':
      return node.operator === '+' ? [...literalsOf(node.left as Node), ...literalsOf(node.right as Node)] : [];
    case 'ArrayExpression':
      return (node.elements as Node[]).flatMap(literalsOf);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      return literalsOf(node.expression as Node);
    default:
      return [];
  }
}

const shown = (node: Node) =>
  node.type === 'StringLiteral' ? (node.value as string) : (node.quasis as Node[]).map((q) => (q.value as { cooked: string }).cooked).join(' ');
/** Option names, the program's own name and a version's `v` are the same in every language. */
const words = (text: string) => text.replace(/--?[\w-]+/g, ' ').replace(/\bledger\b/g, ' ');
const ENGLISH_WORD = /[A-Za-z]{2,}/;
const ENGLISH_PHRASE = /[A-Za-z]{2,}[\s,;:()]+[A-Za-z]{2,}/;

const calleeName = (node: Node): string | null => {
  const callee = node.callee as Node;
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression' && (callee.property as Node).type === 'Identifier') return `.${(callee.property as Node).name as string}`;
  return null;
};

export function findHardcodedCliText(file: string, text: string): string[] {
  const ast = parse(text, { sourceType: 'module', plugins: ['typescript'], errorRecovery: true }) as unknown as Node;
  const lines = text.split('\n');
  const found: string[] = [];
  const seen = new Set<Node>();
  const report = (node: Node, where: string, rule: RegExp) => {
    if (seen.has(node)) return;
    const line = node.loc?.start.line ?? 0;
    if ([lines[line - 1], lines[line - 2]].some((l) => l?.includes('cli-verbatim'))) return;
    const textShown = shown(node);
    // A catalog key ('summary.streams') names text, it is not text.
    if (/^[a-z][\w-]*(\.[\w-]+)+$/i.test(textShown) || !rule.test(words(textShown))) return;
    seen.add(node);
    found.push(`${file}:${line} ${where}: ${textShown.trim().replace(/\s+/g, ' ').slice(0, 80)}`);
  };
  const visit = (node: Node, parent: Node | null) => {
    // Module names, type literals and object keys are not output.
    if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'TSLiteralType' || node.type === 'TSImportType') return;
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      const name = calleeName(node);
      const args = node.arguments as Node[];
      if (name === '.stdout' || name === '.stderr' || name === '.push') for (const literal of args.flatMap(literalsOf)) report(literal, `${name.slice(1)}()`, ENGLISH_WORD);
      if (name === 'UsageError') for (const literal of literalsOf(args[0])) report(literal, 'UsageError', ENGLISH_WORD);
      if (name === 'LedgerError') for (const literal of literalsOf(args[1])) report(literal, 'LedgerError', ENGLISH_WORD);
      if (name === 'table') for (const literal of literalsOf(args[0])) report(literal, 'table heading', ENGLISH_WORD);
    }
    if (node.type === 'VariableDeclarator' && (node.id as Node).type === 'Identifier' && /(Help|_HELP)$/.test((node.id as Node).name as string)) {
      for (const literal of literalsOf(node.init as Node)) report(literal, 'help', ENGLISH_WORD);
    }
    if (node.type === 'ObjectProperty' && (node.key as Node).type === 'Identifier' && (node.key as Node).name === 'summary') {
      for (const literal of literalsOf(node.value as Node)) report(literal, 'summary', ENGLISH_WORD);
    }
    // Anywhere else: a literal with two English words in a row reads as a sentence.
    if ((node.type === 'StringLiteral' || node.type === 'TemplateLiteral') && !(parent?.type === 'ObjectProperty' && parent.key === node)) report(node, 'text', ENGLISH_PHRASE);
    for (const child of children(node)) visit(child, node);
  };
  visit(ast, null);
  return found;
}

// --- the tests -----------------------------------------------------------------------------------

describe('CLI message catalogs', () => {
  it('have the same keys in both languages, with the plural forms each language needs', () => {
    const bases = new Set(Object.keys(en).map(baseOf));
    const problems: string[] = [];
    for (const language of CLI_LANGUAGES) {
      const catalog = catalogs[language];
      for (const base of bases) {
        if (`${base}_other` in en) {
          for (const category of pluralCategories(language)) if (!catalog[`${base}_${category}`]) problems.push(`${language}: missing ${base}_${category}`);
        } else if (!catalog[base]) problems.push(`${language}: missing ${base}`);
      }
      for (const key of Object.keys(catalog)) {
        if (!bases.has(baseOf(key))) problems.push(`${language}: ${key} is not in the English catalog`);
        const match = PLURAL.exec(key);
        if (match && !pluralCategories(language).includes(match[1] as Intl.LDMLPluralRule)) problems.push(`${language}: ${key} is a plural form ${language} does not have`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const problems: string[] = [];
    for (const [key, text] of Object.entries(en)) {
      const zh = zhCN[key] ?? zhCN[`${baseOf(key)}_other`];
      const strip = (list: string[]) => (PLURAL.test(key) ? list.filter((v) => v !== 'count') : list).join();
      if (zh !== undefined && strip(variables(zh)) !== strip(variables(text))) problems.push(`${key}: en {${variables(text)}} vs zh-CN {${variables(zh)}}`);
    }
    expect(problems).toEqual([]);
  });

  it('have every key the code asks for', () => {
    const used = new Map<string, string>();
    for (const file of files(CLI)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*(['"])([\w.\-:]+)\1/g)) used.set(match[2], relative(file));
      for (const match of text.matchAll(/(['"])([\w.\-:]+)\1\s+satisfies\s+CliMessageKey/g)) used.set(match[2], relative(file));
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].flatMap(([key, file]) => CLI_LANGUAGES.filter((l) => !catalogs[l][key] && !catalogs[l][`${key}_other`]).map((l) => `${l}: ${key} (used in ${file})`));
    expect(missing).toEqual([]);
  });
});

describe('hard-coded English in the CLI', () => {
  it('finds what it is meant to find', () => {
    const sample = [
      "io.stdout(`Wrote ${n} events.\\n`);",
      "throw new UsageError('Which store?');",
      "table(['STREAM', 'EVENTS'], rows);",
      "lines.push(ok ? 'intact' : 'failed');",
      'export const fooHelp = `ledger foo FILE\\n   Does things.`;',
      "const reason = 'skipped with --no-verify';",
      "// cli-verbatim: a manifest field\nconst kept = 'not checked here';",
      "io.stdout(t('x.y', { n }) + '\\n'); io.stderr(`\\r  ${p}%`); io.stdout(`ledger ${name}: ${message}\\n`);",
    ].join('\n');
    expect(findHardcodedCliText('sample.ts', sample).map((f) => f.split(' ')[0])).toEqual(['sample.ts:1', 'sample.ts:2', 'sample.ts:3', 'sample.ts:3', 'sample.ts:4', 'sample.ts:4', 'sample.ts:5', 'sample.ts:6']);
  });

  it('is found nowhere outside the files not yet converted', () => {
    const found = files(CLI)
      .filter((file) => !NOT_YET_CONVERTED.includes(relative(file)))
      .flatMap((file) => findHardcodedCliText(relative(file), fs.readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('keeps the not-yet-converted list honest', () => {
    for (const entry of NOT_YET_CONVERTED) {
      const file = path.join(CLI, entry);
      expect(fs.existsSync(file), `${entry} is listed but does not exist`).toBe(true);
      expect(findHardcodedCliText(entry, fs.readFileSync(file, 'utf8')).length, `${entry} is converted: remove it from NOT_YET_CONVERTED`).toBeGreaterThan(0);
    }
  });
});

describe('the language of the CLI', () => {
  it('comes from --lang, then LEDGER_LANG, then LC_ALL / LC_MESSAGES / LANG, else English', () => {
    expect(pickCliLanguage(undefined, {})).toBe('en');
    expect(pickCliLanguage(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(pickCliLanguage(undefined, { LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' })).toBe('en');
    expect(pickCliLanguage(undefined, { LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.GB18030' })).toBe('zh-CN');
    expect(pickCliLanguage(undefined, { LC_ALL: 'zh_CN.UTF-8', LEDGER_LANG: 'en' })).toBe('en');
    expect(pickCliLanguage('zh-CN', { LEDGER_LANG: 'en' })).toBe('zh-CN');
    expect(pickCliLanguage(undefined, { LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(pickCliLanguage(undefined, { LANG: 'C.UTF-8' })).toBe('en');
    expect(languageOf('zh_TW.UTF-8')).toBeNull();
    expect(languageOf('fr')).toBeNull();
  });

  it('takes --lang out of the command line, in either spelling, but not after --', () => {
    expect(takeLangOption(['--lang', 'zh-CN', 'stats', 'a.db'])).toEqual({ argv: ['stats', 'a.db'], value: 'zh-CN', missing: false });
    expect(takeLangOption(['stats', 'a.db', '--lang=en'])).toEqual({ argv: ['stats', 'a.db'], value: 'en', missing: false });
    expect(takeLangOption(['stats', '--lang'])).toEqual({ argv: ['stats'], value: undefined, missing: true });
    expect(takeLangOption(['search', 'a.db', '--', '--lang', 'x'])).toEqual({ argv: ['search', 'a.db', '--', '--lang', 'x'], value: undefined, missing: false });
  });

  it('speaks Chinese with --lang zh-CN and English by default, plurals and grouped numbers from Intl', async () => {
    const chinese = await cli('--lang', 'zh-CN', '--help');
    expect(chinese.stdout).toContain('事件溯源存储的审计与回放查看器');
    expect(chinese.stdout).toContain('列出流');
    const english = await cli('--help');
    expect(english.stdout).toContain('audit and replay viewer for event-sourced stores');
    expect(english.stdout).toContain('list streams');
    expect(createCliI18n('en').t('search.matches', { count: 1 })).toBe('1 event matches');
    expect(createCliI18n('en').t('search.matches', { count: 12345 })).toBe('12,345 events match');
    expect(createCliI18n('zh-CN').t('search.matches', { count: 12345 })).toBe('12,345 个事件匹配');
  });

  it('refuses a --lang it does not speak, in people\'s words', async () => {
    const run = await cli('--lang', 'fr', 'stats', 'x.db');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--lang must be en or zh-CN, got 'fr'.");
  });
});
