// A job's words in the reader's language. Main names its jobs and their progress in English
// (jobs/update carries that title and message); a dialog that started a job knows what it asked for,
// so it leaves the words here, as functions of the language, and every view of the job (the dialog,
// the header's tray) shows them. Main's own words are the fallback.
import type { JobState } from '../../../../shared/jobs.ts';
import type { Translate } from '../../i18n/index.ts';

export interface JobWords {
  title: (t: Translate) => string;
  /** The progress line from the job's counts; null: main's message. */
  progress?: (t: Translate, job: JobState) => string | null;
}

const words = new Map<string, JobWords>();

export function rememberJobTitle(jobId: string, title: JobWords['title'], progress?: JobWords['progress']): void {
  words.set(jobId, { title, ...(progress ? { progress } : {}) });
}

/** The title to show: the one the starting dialog left, else main's own. */
export function jobTitleOf(job: { id: string; title: string }, t: Translate): string {
  return words.get(job.id)?.title(t) ?? job.title;
}

/** The progress line to show: from the counts when the starting dialog said how, else main's message. */
export function jobProgressOf(job: JobState, t: Translate): string | null {
  return words.get(job.id)?.progress?.(t, job) ?? job.message;
}
