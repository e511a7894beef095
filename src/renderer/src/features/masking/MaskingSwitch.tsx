// The header's masking switch: on, every screen shows personal data as masked:<hex> tokens (main
// masks the answers before they reach this window), and exports started here are masked too. The
// policy (patterns and paths) can be changed in the small panel beside it.
import { useState } from 'react';
import type { MaskingStatus } from '../../../../shared/masking.ts';
import { MASK_PATTERN_NAMES } from '../../../../shared/masking.ts';
import { setMasking, useMasking } from './maskingState.ts';
import './masking.css';

const PATTERN_LABELS: Record<(typeof MASK_PATTERN_NAMES)[number], string> = { email: 'E-mail addresses', card: 'Card numbers (Luhn-checked)', iban: 'IBANs (mod-97-checked)', phone: 'Phone numbers' };

function describe(status: MaskingStatus): string {
  const patterns = status.rules.filter((r) => r.kind === 'pattern').length;
  const paths = status.rules.filter((r) => r.kind === 'path').length;
  return `${status.isDefault ? 'Default policy' : 'Custom policy'}: ${patterns} pattern${patterns === 1 ? '' : 's'}, ${paths} path${paths === 1 ? '' : 's'}.`;
}

function PolicyPanel({ status, onDone }: { status: MaskingStatus; onDone: () => void }) {
  const [patterns, setPatterns] = useState(() => new Set(status.rules.flatMap((r) => (r.kind === 'pattern' ? [r.pattern] : []))));
  const [paths, setPaths] = useState(() => status.rules.flatMap((r) => (r.kind === 'path' ? [r.path] : [])).join('\n'));
  const [error, setError] = useState<string | null>(null);
  const apply = async (useDefault: boolean) => {
    const problem = await setMasking(status.enabled, useDefault ? { useDefault: true } : { patterns: [...patterns], paths: paths.split('\n').map((p) => p.trim()).filter(Boolean) });
    if (problem) setError(problem.message);
    else onDone();
  };
  return (
    <div className="masking-panel" role="dialog" aria-label="Masking policy" data-testid="masking-panel">
      <fieldset>
        <legend>Mask values that look like</legend>
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
            {PATTERN_LABELS[p]}
          </label>
        ))}
      </fieldset>
      <label className="masking-paths">
        Mask these paths, one per line (data.customer.email, metadata.actor, data.items[].name, data.*.email)
        <textarea value={paths} onChange={(e) => setPaths(e.target.value)} rows={6} spellCheck={false} data-testid="masking-paths" />
      </label>
      {error && (
        <p className="status status-error" role="alert" data-testid="masking-error">
          {error}
        </p>
      )}
      <div className="masking-panel-actions">
        <button type="button" onClick={() => void apply(false)} data-testid="masking-apply">
          Apply
        </button>
        <button type="button" onClick={() => void apply(true)}>
          Use the default policy
        </button>
        <button type="button" onClick={onDone}>
          Close
        </button>
      </div>
    </div>
  );
}

export function MaskingSwitch({ onChanged }: { onChanged: () => void }) {
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
          (status.enabled
            ? 'Masking is on: personal data is shown as masked:… tokens (equal values, equal tokens) and exports are masked. Click to show the data as stored.'
            : 'Masking is off: data is shown as stored. Click to mask personal data on screen and in exports.') +
          ' ' +
          describe(status) +
          (error ? ` ${error}` : '')
        }
        data-testid="masking-switch"
      >
        {status.enabled ? 'Masked' : 'Mask'}
      </button>
      <button type="button" className="header-button masking-policy" aria-label="Masking policy" title="Choose what is masked" onClick={() => setEditing(!editing)} data-testid="masking-policy">
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
