// The CLI's English catalog: one file per area. A new line a person reads: a key here and the same
// key in zh-CN/ (plurals as `key_one` / `key_other` here, `key_other` only in Chinese), then t(key).
// catalogs.test.ts fails on a key missing in either language, a key the code uses but no catalog
// has, different placeholders, and English written straight into an output call.
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

export const en = {
  ...ACTIVITY_VERDICT_WORDS.en,
  ...PROJECTION_FAILURE_WORDS.en,
  ...ERROR_WORDS.en,
  ...TIME_RANGE_WORDS.en,
  ...general,
  ...help,
  ...read,
  ...records,
  ...write,
  ...debug,
} as const;
