// No white screens: a render error shows what went wrong and a way back, instead of an empty window.
// One boundary wraps each screen and smaller ones wrap panels that render untrusted payloads, so a
// bad event breaks its own pane only.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from './i18n/index.ts';

interface Props {
  children: ReactNode;
  /** The boundary clears its error when this changes (e.g. the route). */
  resetKey?: string;
  /** What failed, for the heading: "this screen", "the event detail", … */
  what?: string;
  compact?: boolean;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Render error', error, info.componentStack);
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className={`error-panel${this.props.compact ? ' error-panel-compact' : ''}`} role="alert" data-testid="error-boundary">
        <h2>{t('boundary.title', { what: this.props.what ?? t('boundary.thisScreen') })}</h2>
        <p className="mono">{String(error.message || error).slice(0, 2000)}</p>
        {error.stack && !this.props.compact && (
          <details>
            <summary>{t('boundary.details')}</summary>
            <pre className="error-stack">{error.stack.slice(0, 8000)}</pre>
          </details>
        )}
        <p>
          <button type="button" onClick={() => this.setState({ error: null })}>
            {t('common.tryAgain')}
          </button>{' '}
          {!this.props.compact && <a href="#/">{t('boundary.back')}</a>}
        </p>
      </div>
    );
  }
}
