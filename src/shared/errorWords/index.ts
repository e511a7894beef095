// An error's message as facts and words, so each reader says it in its own language: main writes
// the English sentence into `message` (for --json, manifests, logs and older readers) and the words
// beside it; the renderer and the CLI spread ERROR_WORDS into their catalogs and say the words.
// What is not ours stays as written: paths, names, the server's or the operating system's text.
import { fillWords } from '../fillWords.ts';
import * as files from './fileWords.ts';
import * as postgres from './postgresWords.ts';
import * as imports from './importWords.ts';
import * as evidence from './evidenceWords.ts';
import * as masking from './maskingWords.ts';
import * as reads from './readWords.ts';
import * as replay from './replayWords.ts';
import * as findings from './findingWords.ts';
import * as viewer from './viewerWords.ts';
import * as cancel from './cancelWords.ts';
import * as exportCheck from './exportCheckWords.ts';
import * as json from './jsonWords.ts';
import * as stores from './storeWords.ts';
import * as tools from './toolWords.ts';
import * as adapters from './adapterWords.ts';

const en = { ...files.en, ...postgres.en, ...reads.en, ...imports.en, ...findings.en, ...replay.en, ...evidence.en, ...masking.en, ...viewer.en, ...cancel.en, ...exportCheck.en, ...json.en, ...stores.en, ...tools.en, ...adapters.en, 'errorWords.listSeparator': ', ' } as const;
const zhCN: Record<keyof typeof en, string> = { ...files.zhCN, ...postgres.zhCN, ...reads.zhCN, ...imports.zhCN, ...findings.zhCN, ...replay.zhCN, ...evidence.zhCN, ...masking.zhCN, ...viewer.zhCN, ...cancel.zhCN, ...exportCheck.zhCN, ...json.zhCN, ...stores.zhCN, ...tools.zhCN, ...adapters.zhCN, 'errorWords.listSeparator': '、' };

/** What the catalogs spread in: the same keys in both languages. */
export const ERROR_WORDS = { en, 'zh-CN': zhCN } as const;

export type ErrorWordKey = keyof typeof en;

/** A fact: a value as written, words of its own (a kind of file, a reason), or a list of them. */
export type ErrorFact = string | number | ErrorWords | { list: ErrorFact[] };

export interface ErrorWords {
  key: ErrorWordKey;
  facts: Record<string, ErrorFact>;
}

type Holes<S extends string> = S extends `${string}{{${infer Name}}}${infer Rest}` ? Name | Holes<Rest> : never;

/** Words for `key`, with a fact for every place its English sentence has (checked by the compiler). */
export function words<K extends ErrorWordKey>(key: K, facts: { [Name in Holes<(typeof en)[K]>]: ErrorFact }): ErrorWords {
  return { key, facts };
}

export type ErrorTranslate = (key: ErrorWordKey, values?: Record<string, unknown>) => string;

function isWords(fact: ErrorFact): fact is ErrorWords {
  return typeof fact === 'object' && 'key' in fact;
}

function say(said: ErrorWords, t: ErrorTranslate): string {
  const values: Record<string, unknown> = {};
  const sayFact = (fact: ErrorFact): string =>
    typeof fact !== 'object' ? String(fact) : isWords(fact) ? say(fact, t) : fact.list.map(sayFact).join(t('errorWords.listSeparator'));
  for (const [name, fact] of Object.entries(said.facts)) values[name] = sayFact(fact);
  return t(said.key, values);
}

const english: ErrorTranslate = (key, values = {}) => fillWords(en[key], values);

/** The English sentence main writes into `message`. */
export function englishError(said: ErrorWords): string {
  return say(said, english);
}

function known(said: ErrorWords): boolean {
  // Whatever crossed IPC is checked before it is said: a null or odd fact shows the message as written.
  const seen = (fact: ErrorFact): boolean =>
    typeof fact === 'string' || typeof fact === 'number' || (fact !== null && typeof fact === 'object' && (isWords(fact) ? known(fact) : Array.isArray(fact.list) && fact.list.every(seen)));
  return said !== null && typeof said === 'object' && typeof said.key === 'string' && Object.hasOwn(en, said.key) && typeof said.facts === 'object' && said.facts !== null && Object.values(said.facts).every(seen);
}

/** A store's description for its StoreInfo: main's English and the words that say it. */
export function describedAs(said: ErrorWords): { adapter: string; adapterWords: ErrorWords } {
  return { adapter: englishError(said), adapterWords: said };
}

/** What kind of store is open, in the reader's language (its English as written when main sent no words). */
export function adapterText(info: { adapter: string; adapterWords?: ErrorWords }, t: ErrorTranslate): string {
  return errorText({ message: info.adapter, words: info.adapterWords }, t);
}

/**
 * An error's message in the reader's language. Only when the words still say what `message` says:
 * a message a caller reworded (a prefix, a redaction) or words this build does not know (a newer
 * main) are shown as written, so nothing the message holds is lost.
 */
export function errorText(error: { message: string; words?: ErrorWords }, t: ErrorTranslate): string {
  const said = error.words;
  if (!said || !known(said) || englishError(said) !== error.message) return error.message;
  return say(said, t);
}
