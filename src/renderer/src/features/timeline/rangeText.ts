// The timeline's time range and actor filter said in the reader's language: the shared sentences
// (shared/timeRangeWords.ts, which the CLI says too) bound to the renderer's catalogs.
import type { ActorFilter } from '../../../../shared/actorFilter.ts';
import type { TimeProblem, TimeRange, TimeRangeResult } from '../../../../shared/timeRange.ts';
import * as words from '../../../../shared/timeRangeWords.ts';
import { t as translate, type Translate } from '../../i18n/index.ts';

/** "2026-03-01 00:00:00 UTC to 2026-04-01 00:00:00 UTC (exclusive)", or null when unbounded. */
export const rangeText = (range: TimeRange, t: Translate = translate): string | null => words.rangeText(range, t);

/** Why a typed bound is not a time, in people's words. */
export const timeProblemText = (problem: TimeProblem, t: Translate = translate): string => words.timeProblemText(problem, t);

/** A failed range: the bound and why, or that the end is before the start. */
export const rangeFailureText = (failure: Extract<TimeRangeResult, { ok: false }>, t: Translate = translate): string => words.rangeFailureText(failure, t);

/** "actor is exactly 'user:ada'", "actor starts with 'support:'", "actor matches '*:ken' (* = any text)". */
export const actorFilterText = (filter: ActorFilter, t: Translate = translate): string => words.actorFilterText(filter, t);
