// A projection's failure as facts and as words, English and 简体中文, for the three readers: the
// renderer's banners and projection panel and the CLI's interruption line spread the words into
// their catalogs; the sandbox worker and the in-process fold write the English sentence into
// `ProjectionFailure.message` (for --json, reports and older screens) and the facts beside it.
// The error's own text (what the projection threw) is the projection's and stays as written.
import { fillWords } from './fillWords.ts';
import type { ProjectionFailure } from './projections.ts';

/** The part of a projection that failed: code names stay as written, "the module" is said. */
export type ProjectionPart = 'evolve' | 'initialState' | 'appliesTo' | 'module' | 'sandbox';

export type ProjectionFailureFacts =
  | { case: 'threw'; part: ProjectionPart; error: string }
  | { case: 'recursed'; part: ProjectionPart }
  | { case: 'frozen'; part: ProjectionPart; error: string }
  | { case: 'badState'; part: ProjectionPart; error: string };

const en = {
  'projectionFailure.threw': '{{part}} threw: {{error}}',
  'projectionFailure.recursed': '{{part}} recursed too deeply (the call stack overflowed)',
  'projectionFailure.frozen': '{{part}} changed something frozen (a state or a built-in) in place: return a new state instead ({{error}})',
  'projectionFailure.badState': '{{part}} returned a state that is not plain JSON: {{error}}',
  'projectionFailure.part.evolve': 'evolve',
  'projectionFailure.part.initialState': 'initialState',
  'projectionFailure.part.appliesTo': 'appliesTo',
  'projectionFailure.part.module': 'the module',
  'projectionFailure.part.sandbox': 'the sandbox',
} as const;

const zhCN: Record<keyof typeof en, string> = {
  'projectionFailure.threw': '{{part}} 抛出了异常：{{error}}',
  'projectionFailure.recursed': '{{part}} 递归过深（调用栈溢出）',
  'projectionFailure.frozen': '{{part}} 就地修改了已冻结的对象（状态或内置对象）：请改为返回新的状态（{{error}}）',
  'projectionFailure.badState': '{{part}} 返回的状态不是纯 JSON：{{error}}',
  'projectionFailure.part.evolve': 'evolve',
  'projectionFailure.part.initialState': 'initialState',
  'projectionFailure.part.appliesTo': 'appliesTo',
  'projectionFailure.part.module': '模块',
  'projectionFailure.part.sandbox': '沙箱',
};

/** What the catalogs spread in: the same keys in both languages. */
export const PROJECTION_FAILURE_WORDS = { en, 'zh-CN': zhCN } as const;

export type ProjectionFailureKey = keyof typeof en;
export type FailureTranslate = (key: ProjectionFailureKey, values?: Record<string, unknown>) => string;

function say(facts: ProjectionFailureFacts, t: FailureTranslate): string {
  const part = t(`projectionFailure.part.${facts.part}`);
  return facts.case === 'recursed' ? t('projectionFailure.recursed', { part }) : t(`projectionFailure.${facts.case}`, { part, error: facts.error });
}

const english: FailureTranslate = (key, values = {}) => fillWords(en[key], values);

/** The English sentence main writes into `message`. */
export function englishFailure(facts: ProjectionFailureFacts): string {
  return say(facts, english);
}

/**
 * The failure's message in the reader's language. Only when the facts still say what `message`
 * says: a caller that reworded the message (a prefix, a line number) is shown as it wrote it,
 * rather than the facts dropping what it added.
 */
export function failureMessage(failure: Pick<ProjectionFailure, 'message' | 'facts'>, t: FailureTranslate): string {
  if (!failure.facts || englishFailure(failure.facts) !== failure.message) return failure.message;
  return say(failure.facts, t);
}
