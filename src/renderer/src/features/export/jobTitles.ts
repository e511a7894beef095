// A job's title in the reader's language. Main names its jobs in English (jobs/update carries that
// title); a dialog that started a job knows what it asked for, so it leaves the words here, as a
// function of the language, and every view of the job (the dialog, the header's tray) shows them.
import type { Translate } from '../../i18n/index.ts';

const titles = new Map<string, (t: Translate) => string>();

export function rememberJobTitle(jobId: string, title: (t: Translate) => string): void {
  titles.set(jobId, title);
}

/** The title to show: the one the starting dialog left, else main's own. */
export function jobTitleOf(job: { id: string; title: string }, t: Translate): string {
  return titles.get(job.id)?.(t) ?? job.title;
}
