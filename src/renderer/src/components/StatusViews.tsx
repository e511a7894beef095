// The readable states every panel can be in besides "showing data": loading, failed, empty.
import type { ReactNode } from 'react';
import type { ErrorInfo } from '../../../shared/result.ts';
import { errorMessage, errorTitle } from '../lib/errors.ts';
import { SafeText } from '../lib/safeText.tsx';
import { useT } from '../i18n/index.ts';

export function Loading({ label, testId }: { label?: string; testId?: string }) {
  const t = useT();
  return (
    <div className="status status-loading" role="status" aria-live="polite" data-testid={testId ?? 'loading'}>
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function ErrorView({ error, onRetry, children, testId, title }: { error: ErrorInfo; onRetry?: () => void; children?: ReactNode; testId?: string; title?: string }) {
  const t = useT();
  return (
    <div className="status status-error" role="alert" data-testid={testId ?? 'error-view'} data-code={error.code}>
      <div className="status-title">{title ?? errorTitle(error)}</div>
      <div className="status-message">
        <SafeText text={errorMessage(error)} max={2000} />
      </div>
      <div className="status-code">{t('common.errorCode', { code: error.code })}</div>
      {(onRetry || children) && (
        <div className="status-actions">
          {onRetry && (
            <button type="button" onClick={onRetry}>
              {t('common.tryAgain')}
            </button>
          )}
          {children}
        </div>
      )}
    </div>
  );
}

/** Whether two panels failed for the same reason (e.g. one bad filter behind two queries): the
 * second should point at the first instead of saying it all again. */
export function sameError(a: ErrorInfo | null | undefined, b: ErrorInfo | null | undefined): boolean {
  return !!a && !!b && a.code === b.code && a.message === b.message;
}

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="status status-empty" data-testid={testId ?? 'empty-state'}>
      <div className="status-title">{title}</div>
      {children && <div className="status-message">{children}</div>}
    </div>
  );
}

/** The row after the last loaded one in a keyset-paged list: more are loading, or why they did not. */
export function MoreRowsNote({ error, onRetry, what }: { error: ErrorInfo | null; onRetry: () => void; what?: string }) {
  const t = useT();
  if (!error) return <div className="grid-row grid-row-note muted">{t('common.loadingMore')}</div>;
  return (
    <div className="grid-row grid-row-note">
      {what ? t('common.couldNotLoadMoreOf', { what, message: errorMessage(error) }) : t('common.couldNotLoadMore', { message: errorMessage(error) })}{' '}
      <button type="button" className="link-button" onClick={onRetry}>
        {t('common.tryAgain')}
      </button>
    </div>
  );
}
