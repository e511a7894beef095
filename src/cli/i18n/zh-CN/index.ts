// The CLI's 简体中文 catalog: the same areas and keys as en/ (catalogs.test.ts checks it key by key).
import { general } from './general.ts';
import { help } from './help.ts';
import { read } from './read.ts';
import { records } from './records.ts';
import { write } from './write.ts';
import { debug } from './debug.ts';
import { ACTIVITY_VERDICT_WORDS } from '../../../shared/activityVerdictWords.ts';
import { PROJECTION_FAILURE_WORDS } from '../../../shared/projectionFailureWords.ts';
import { ERROR_WORDS } from '../../../shared/errorWords/index.ts';
import { TIME_RANGE_WORDS } from '../../../shared/timeRangeWords.ts';

export const zhCN: Record<string, string | undefined> = {
  ...ACTIVITY_VERDICT_WORDS['zh-CN'],
  ...PROJECTION_FAILURE_WORDS['zh-CN'],
  ...ERROR_WORDS['zh-CN'],
  ...TIME_RANGE_WORDS['zh-CN'],
  ...general,
  ...help,
  ...read,
  ...records,
  ...write,
  ...debug,
};
