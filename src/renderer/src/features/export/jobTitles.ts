// A job's words in the reader's language. Main names its jobs and their progress in English
// (jobs/update carries that title and message) and, beside them, their facts: `subject` (what the
// job works on), `phase` (its step), `step` (a report's step: a state, a diff, events listed),
// `items` (what it made so far). Every view of a job (its dialog, the header's tray, the running
// bar, after a reload too) says those facts, else main's English.
import type { JobState, JobStep, JobSubject } from '../../../../shared/jobs.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';

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
    case 'import':
      return t('job.title.import', { file: subject.file });
    case 'copy':
      return t('job.title.copy', { source: subject.source });
    case 'exportEvents':
      return t('export.jobTitle.events', { what: subject.streamId ?? t('export.jobTitle.allEvents'), format: subject.format });
    case 'exportState':
      return t('export.jobTitle.state', { stream: subject.streamId, version: subject.version });
    case 'exportDiff':
      return t('export.jobTitle.diff', { stream: subject.streamId, from: subject.from, to: subject.to });
    case 'exportSearch':
      return t('export.jobTitle.search', { q: subject.q });
    case 'report':
      return t('report.jobTitle', { stream: subject.streamId, from: subject.from, to: subject.to });
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

/** A report's step: the state or diff it computes, then the events it has listed. */
function stepProgress(step: JobStep, t: Translate): string | null {
  switch (step.case) {
    case 'reportState':
      return t('job.progress.reportState', { version: step.version });
    case 'reportDiff':
      return t('job.progress.reportDiff', { from: step.from, to: step.to });
    case 'reportEvents':
      return t('job.progress.reportEvents', { listed: step.listed, of: step.of });
    default:
      return null; // a step a newer main knows: its English message
  }
}

/** The progress line said from main's facts, or null when main gave none this screen knows. */
function factsProgress(job: JobState, t: Translate): string | null {
  const step = job.step ? stepProgress(job.step, t) : null;
  if (step) return step;
  const phase = job.phase ? PHASES[job.phase] : undefined;
  if (phase) return t(phase);
  if (job.items !== undefined && job.subject?.case === 'import') return t('job.progress.imported', { events: job.items });
  if (job.items !== undefined && job.subject?.case === 'copy') return t('job.progress.copied', { events: job.items });
  if (job.total <= 0) return null;
  if (job.subject?.case === 'snapshots') return t('job.progress.snapshots', { done: job.done, total: job.total });
  if (job.subject?.case === 'searchIndex') return t('job.progress.searchIndex', { done: job.done, total: job.total });
  if (job.subject?.case === 'exportEvents') return t('job.progress.events', { done: job.done, total: job.total });
  if (job.subject?.case === 'exportSearch') return t('job.progress.results', { done: job.done, total: job.total });
  return null;
}

/** The title to show: main's facts in words, else main's own. */
export function jobTitleOf(job: Pick<JobState, 'title' | 'subject'>, t: Translate): string {
  return job.subject ? subjectTitle(job.subject, t) : job.title;
}

/** The progress line to show: main's facts in words, else main's message. */
export function jobProgressOf(job: JobState, t: Translate): string | null {
  return factsProgress(job, t) ?? job.message;
}
