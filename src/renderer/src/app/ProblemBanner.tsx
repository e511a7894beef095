// Shows an error main did not expect (it logged it and kept running, crashGuard.ts): the user
// learns that something they started may not have finished, and the window keeps their place.
import { useEffect, useState } from 'react';
import type { AppProblem } from '../../../shared/contract.ts';
import { api } from '../api.ts';
import { useT } from '../i18n/index.ts';

export function ProblemBanner() {
  const t = useT();
  const [problem, setProblem] = useState<AppProblem | null>(null);
  const [count, setCount] = useState(0);
  useEffect(
    () =>
      api.onAppProblem((next) => {
        setProblem(next);
        setCount((c) => c + 1);
      }),
    [],
  );
  if (!problem) return null;
  return (
    <div className="problem-banner" role="alert" data-testid="app-problem">
      <span className="break">
        {problem.message}
        {count > 1 && t('problem.count', { count })}
        {problem.logFile && <span className="muted small">{t('problem.details', { file: problem.logFile })}</span>}
      </span>
      <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={() => setProblem(null)}>
        ×
      </button>
    </div>
  );
}
