// A job's words in the reader's language. Main names its jobs and their progress in English
// (jobs/update carries that title and message) and, for the jobs it starts on its own, the facts
// beside them (`subject`, `phase`). A dialog that started a job knows what it asked for, so it leaves
// the words here, as functions of the language; every view of the job (the dialog, the header's
// tray, the running bar) shows them, then the words of main's facts, then main's English.
import type { JobState, JobSubject } from '../../../../shared/jobs.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';

export interface JobWords {
  title: (t: Translate) => string;
  /** The progress line from the job's counts; null: main's message. */
  progress?: (t: Translate, job: JobState) => string | null;
}

const words = new Map<string, JobWords>();

export function rememberJobTitle(jobId: string, title: JobWords['title'], progress?: JobWords['progress']): void {
  words.set(jobId, { title, ...(progress ? { progress } : {}) });
}

function subjectTitle(subject: JobSubject, t: Translate): string {
  switch (subject.case) {
    case 'verify':
      return t('job.title.verify', { path: subject.path });
    case 'check':
      return t('job.title.check', { path: subject.path });
    case 'searchIndex':
      return t('job.title.searchIndex', { path: subject.path });
    case 'snapshots':
      return t('job.title.snapshots', { streamId: subject.streamId });
  }
}

// Spelled out (not built from the phase) so the catalog checker sees every key the code asks for.
const PHASES: Record<string, MessageKey> = {
  chain: 'job.phase.chain',
  streams: 'job.phase.streams',
  types: 'job.phase.types',
  summaries: 'job.phase.summaries',
  integrity: 'job.phase.integrity',
  done: 'job.phase.done',
  'chainless.chain': 'job.phase.chainless.chain',
  'chainless.streams': 'job.phase.chainless.streams',
  'chainless.summaries': 'job.phase.chainless.summaries',
  'chainless.types': 'job.phase.chainless.types',
  'chainless.integrity': 'job.phase.chainless.integrity',
  'chainless.done': 'job.phase.chainless.done',
};

/** The progress line said from main's facts, or null when main gave none this screen knows. */
function factsProgress(job: JobState, t: Translate): string | null {
  const phase = job.phase ? PHASES[job.phase] : undefined;
  if (phase) return t(phase);
  if (job.total <= 0) return null;
  if (job.subject?.case === 'snapshots') return t('job.progress.snapshots', { done: job.done, total: job.total });
  if (job.subject?.case === 'searchIndex') return t('job.progress.searchIndex', { done: job.done, total: job.total });
  return null;
}

/** The title to show: the one the starting dialog left, else main's facts in words, else main's own. */
export function jobTitleOf(job: Pick<JobState, 'id' | 'title' | 'subject'>, t: Translate): string {
  return words.get(job.id)?.title(t) ?? (job.subject ? subjectTitle(job.subject, t) : job.title);
}

/** The progress line to show: from the counts when the starting dialog said how, else from main's facts, else main's message. */
export function jobProgressOf(job: JobState, t: Translate): string | null {
  return words.get(job.id)?.progress?.(t, job) ?? factsProgress(job, t) ?? job.message;
}
