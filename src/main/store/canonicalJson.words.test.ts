// A value that cannot be stored as JSON says why, and which event's data, metadata or recordedAt it
// was, in the reader's language: through the store's append path, and inside an import's record problem.
import { describe, expect, it } from 'vitest';
import { ERROR_WORDS, englishError, errorText } from '../../shared/errorWords/index.ts';
import { chineseOf } from '../../shared/testing/chineseOf.ts';
import { toErrorInfo } from '../errors.ts';
import { recordToEvent } from '../import/recordToEvent.ts';
import { tempStore } from '../testing/tempFiles.ts';
import { canonicalJson, MAX_JSON_DEPTH } from './canonicalJson.ts';

const zh = chineseOf(ERROR_WORDS['zh-CN']);

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    const info = toErrorInfo(error);
    expect(info.words, info.message).toBeDefined();
    expect(englishError(info.words!)).toBe(info.message);
    return { english: info.message, chinese: errorText(info, zh) };
  }
  throw new Error('did not throw');
}

const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

describe('values JSON cannot hold, in words', () => {
  const store = tempStore();

  it('names the event of a batch whose data, metadata or recordedAt is refused, English unchanged', () => {
    const ok = { type: 'Happened', data: { n: 1 } };
    expect(refusal(() => store.append('s-1', [ok, { type: 'Happened', data: { n: Number.NaN } }]))).toEqual({
      english: 'The data of event #2 contains a non-finite number (NaN), which JSON cannot represent.',
      chinese: '第 2 个事件的数据包含非有限数字（NaN），JSON 无法表示。',
    });
    expect(refusal(() => store.append('s-1', [ok, ok, { type: 'Happened', data: {}, metadata: { big: 10n } }]))).toEqual({
      english: 'The metadata of event #3 contains a BigInt, which JSON cannot represent; store it as a string.',
      chinese: '第 3 个事件的元数据包含 BigInt，JSON 无法表示；请将它存为字符串。',
    });
    const time = refusal(() => store.append('s-1', [{ type: 'Happened', data: {}, recordedAt: 'yesterday' }]));
    expect(time.english).toMatch(/^The recordedAt of event #1: 'yesterday' is not a valid time; use a date/);
    expect(time.chinese).toMatch(/^第 1 个事件的 recordedAt：/);
    expect(time.chinese).not.toMatch(/recordedAt of event/);
    // Nothing of the refused batches was written.
    expect(store.stats().events).toBe(0);
  });

  it('says the names callers give in the reader’s language, and a name of its own as written', () => {
    expect(refusal(() => canonicalJson(nested(MAX_JSON_DEPTH + 1))).chinese).toBe(`该值的嵌套超过 ${MAX_JSON_DEPTH} 层。`);
    expect(refusal(() => canonicalJson(Symbol('s'), 'activity entry'))).toEqual({ english: 'The activity entry contains a symbol, which is not JSON.', chinese: '活动记录条目包含 symbol，它不是 JSON。' });
    expect(refusal(() => canonicalJson(() => 1, 'widget'))).toEqual({ english: 'The widget contains a function, which is not JSON.', chinese: 'widget包含 function，它不是 JSON。' });
  });

  it('an imported record nested too deeply says so inside its record problem', () => {
    const fields = { streamId: 's-1', type: 'Deep', data: nested(MAX_JSON_DEPTH + 5), metadata: undefined, version: undefined, eventId: undefined, time: undefined, actor: undefined, correlationId: undefined, causationId: undefined };
    try {
      recordToEvent(fields as never, false, Date.now());
      throw new Error('did not throw');
    } catch (error) {
      const said = error as { message: string; words?: Parameters<typeof englishError>[0] };
      expect(said.words).toBeDefined();
      expect(errorText({ message: englishError(said.words!), words: said.words }, zh)).toContain(`数据的嵌套超过 ${MAX_JSON_DEPTH} 层`);
    }
  });
});
