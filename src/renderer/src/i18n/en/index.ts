// The English catalog: one file per area, so parallel work on different screens does not collide.
// Adding text to a screen: a key in en/<area>.ts and the same key in zh-CN/<area>.ts (plurals as
// `key_one` / `key_other` in English, `key_other` only in Chinese), then t(<key>) or <Message k={…}>
// in the component. catalogs.test.ts fails on a key missing in either language, a key the code uses
// but no catalog has, different placeholders or markup, and text written straight into a .tsx file.
import { common } from './common.ts';
import { keyboard } from './keyboard.ts';
import { importing } from './importing.ts';
import { start } from './start.ts';
import { verify } from './verify.ts';
import { projections } from './projections.ts';
import { drift } from './drift.ts';
import { whatif } from './whatif.ts';
import { diff } from './diff.ts';
import { search } from './search.ts';
import { timeline } from './timeline.ts';
import { streams } from './streams.ts';
import { app } from './app.ts';
import { format } from './format.ts';
import { errors } from './errors.ts';
import { components } from './components.ts';
import { evidence } from './evidence.ts';
import { exportArea } from './export.ts';
import { report } from './report.ts';
import { notes } from './notes.ts';
import { activity } from './activity.ts';
import { keys } from './keys.ts';
import { masking } from './masking.ts';
import { events } from './events.ts';
import { state } from './state.ts';
import { stream } from './stream.ts';
import { ACTIVITY_VERDICT_WORDS } from '../../../../shared/activityVerdictWords.ts';
import { PROJECTION_FAILURE_WORDS } from '../../../../shared/projectionFailureWords.ts';
import { ERROR_WORDS } from '../../../../shared/errorWords/index.ts';
import { TIME_RANGE_WORDS } from '../../../../shared/timeRangeWords.ts';

export const en = {
  ...ACTIVITY_VERDICT_WORDS.en,
  ...PROJECTION_FAILURE_WORDS.en,
  ...ERROR_WORDS.en,
  ...TIME_RANGE_WORDS.en,
  ...common,
  ...keyboard,
  ...importing,
  ...start,
  ...verify,
  ...projections,
  ...drift,
  ...whatif,
  ...diff,
  ...search,
  ...timeline,
  ...streams,
  ...app,
  ...format,
  ...errors,
  ...components,
  ...evidence,
  ...exportArea,
  ...report,
  ...notes,
  ...activity,
  ...keys,
  ...masking,
  ...events,
  ...state,
  ...stream,
} as const;
