// The header's masking switch: on, every screen shows personal data as masked:<hex> tokens (main
// masks the answers before they reach this window), and exports started here are masked too. The
// policy (patterns and paths) can be changed in the small panel beside it.
import { useState } from 'react';
import type { MaskingStatus } from '../../../../shared/masking.ts';
import { MASK_PATTERN_NAMES } from '../../../../shared/masking.ts';
import { setMasking, useMasking } from './maskingState.ts';
import { useT, type MessageKey, type Translate } from '../../i18n/index.ts';
import './masking.css';

const PATTERN_LABELS: Record<(typeof MASK_PATTERN_NAMES)[number], MessageKey> = {
  email: 'masking.pattern.email' satisfies MessageKey,
  card: 'masking.pattern.card' satisfies MessageKey,
  iban: 'masking.pattern.iban' satisfies MessageKey,
  phone: 'masking.pattern.phone' satisfies MessageKey,
};

function describe(status: MaskingStatus, t: Translate): string {
  const patterns = status.rules.filter((r) => r.kind === 'pattern').length;
  const paths = status.rules.filter((r) => r.kind === 'path').length;
  return t('masking.policy.describe', {
    policy: status.isDefault ? t('masking.policy.default') : t('masking.policy.custom'),
    patterns: t('masking.policy.patterns', { count: patterns }),
    paths: t('masking.policy.paths', { count: paths }),
  });
}

function PolicyPanel({ status, onDone }: { status: MaskingStatus; onDone: () => void }) {
  const t = useT();
  const [patterns, setPatterns] = useState(() => new Set(status.rules.flatMap((r) => (r.kind === 'pattern' ? [r.pattern] : []))));
  const [paths, setPaths] = useState(() => status.rules.flatMap((r) => (r.kind === 'path' ? [r.path] : [])).join('\n'));
  const [error, setError] = useState<string | null>(null);
  const apply = async (useDefault: boolean) => {
    const problem = await setMasking(status.enabled, useDefault ? { useDefault: true } : { patterns: [...patterns], paths: paths.split('\n').map((p) => p.trim()).filter(Boolean) });
    if (problem) setError(problem.message);
    else onDone();
  };
  return (
    <div className="masking-panel" role="dialog" aria-label={t('masking.policy')} data-testid="masking-panel">
      <fieldset>
        <legend>{t('masking.looksLike')}</legend>
        {MASK_PATTERN_NAMES.map((p) => (
          <label key={p}>
            <input
              type="checkbox"
              checked={patterns.has(p)}
              onChange={(e) => {
                const next = new Set(patterns);
                if (e.target.checked) next.add(p);
                else next.delete(p);
                setPatterns(next);
              }}
            />{' '}
            {t(PATTERN_LABELS[p])}
          </label>
        ))}
      </fieldset>
      <label className="masking-paths">
        {t('masking.paths')}
        <textarea value={paths} onChange={(e) => setPaths(e.target.value)} rows={6} spellCheck={false} data-testid="masking-paths" />
      </label>
      {error && (
        <p className="status status-error" role="alert" data-testid="masking-error">
          {error}
        </p>
      )}
      <div className="masking-panel-actions">
        <button type="button" onClick={() => void apply(false)} data-testid="masking-apply">
          {t('masking.apply')}
        </button>
        <button type="button" onClick={() => void apply(true)}>
          {t('masking.useDefault')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}

export function MaskingSwitch({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const status = useMasking();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  if (!status) return null;
  const toggle = async () => {
    const problem = await setMasking(!status.enabled);
    setError(problem?.message ?? null);
    if (!problem) onChanged();
  };
  return (
    <span className="masking-switch">
      <button
        type="button"
        className={`header-button masking-toggle${status.enabled ? ' on' : ''}`}
        aria-pressed={status.enabled}
        onClick={() => void toggle()}
        title={
          (status.enabled ? t('masking.on.title') : t('masking.off.title')) +
          ' ' +
          describe(status, t) +
          (error ? ` ${error}` : '')
        }
        data-testid="masking-switch"
      >
        {status.enabled ? t('masking.masked') : t('masking.mask')}
      </button>
      <button type="button" className="header-button masking-policy" aria-label={t('masking.policy')} title={t('masking.choose')} onClick={() => setEditing(!editing)} data-testid="masking-policy">
        ▾
      </button>
      {editing && (
        <PolicyPanel
          status={status}
          onDone={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
    </span>
  );
}
