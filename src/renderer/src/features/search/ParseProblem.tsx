// A query that does not parse is not an error wall: where reading stopped (the query with that
// character marked and a caret under it), why, in words, and the way out: search the whole text
// literally (as Seq offers).
import { useT } from '../../i18n/index.ts';
import type { ErrorWords } from '../../../../shared/errorWords/index.ts';
import type { SearchProblem } from '../../../../shared/search.ts';
import { errorMessage } from '../../lib/errors.ts';
import { SafeText } from '../../lib/safeText.tsx';

/** Characters of a long query shown on each side of the problem. */
const CONTEXT = 60;

/** `words`: the parser's words for the problem (said in the reader's language while they still make its message). */
export function ParseProblem({ q, problem, words, onLiteral }: { q: string; problem: SearchProblem; words?: ErrorWords; onLiteral: () => void }) {
  const t = useT();
  const message = words ? errorMessage({ message: problem.message, words }) : problem.message;
  const at = Math.max(0, Math.min(problem.at, q.length));
  const from = Math.max(0, at - CONTEXT);
  const to = Math.min(q.length, at + CONTEXT);
  // The character where reading stopped (a space stands for the end of the query).
  const stopped = at < q.length ? q.slice(at, at + 1) : ' ';
  return (
    <section className="card search-problem" role="alert" data-testid="search-problem" data-at={problem.at}>
      <h2>{t('search.problem.title')}</h2>
      <p data-testid="search-problem-message">
        {t('search.problem.at', { at: at + 1 })}<SafeText text={message} max={500} />
      </p>
      <pre className="search-problem-query mono" data-testid="search-problem-query">
        {from > 0 && '…'}
        <SafeText text={q.slice(from, at)} />
        <mark className="search-problem-at" data-testid="search-problem-at">
          <SafeText text={stopped} />
        </mark>
        <SafeText text={q.slice(at + 1, to)} />
        {to < q.length && '…'}
      </pre>
      <div className="card-actions">
        <button type="button" className="primary" onClick={onLiteral} data-testid="search-literal">
          {t('search.problem.literal')}
        </button>
        <span className="muted small">{t('search.problem.fix')}</span>
      </div>
    </section>
  );
}
