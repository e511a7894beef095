// Time travel controls: a slider over every version (arrow keys, PgUp/PgDn, Home/End when focused),
// a version box, step buttons, and "jump to a time" which resolves the last version recorded at or
// before that instant.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';

export interface VersionScrubberProps {
  streamId: string;
  version: number;
  max: number;
  onChange: (version: number) => void;
  autoFocus?: boolean;
  /** A time inside the stream, as an example in the time field. */
  exampleTime?: string;
}

export function VersionScrubber({ streamId, version, max, onChange, autoFocus, exampleTime }: VersionScrubberProps) {
  const t = useT();
  const slider = useRef<HTMLInputElement>(null);
  const [box, setBox] = useState(String(version));
  const [time, setTime] = useState('');
  const [timeError, setTimeError] = useState<ErrorInfo | null>(null);
  const [boxError, setBoxError] = useState(false);

  useEffect(() => setBox(String(version)), [version]);
  useEffect(() => {
    if (autoFocus) slider.current?.focus({ preventScroll: true });
  }, [autoFocus]);

  const clamp = (v: number) => Math.min(max, Math.max(0, v));
  const submitBox = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d+$/.test(box.trim()) || Number(box) > max) {
      setBoxError(true);
      return;
    }
    setBoxError(false);
    onChange(Number(box));
  };
  const submitTime = async (e: FormEvent) => {
    e.preventDefault();
    if (!time.trim()) return;
    setTimeError(null);
    const result = await api.stateAt({ streamId, time: time.trim() });
    if (result.ok) onChange(result.value.version);
    else setTimeError(result.error);
  };

  return (
    <div className="scrubber" data-testid="scrubber">
      <div className="scrubber-row">
        <button type="button" onClick={() => onChange(clamp(version - 1))} disabled={version <= 0} aria-label={t('scrubber.prev')} title={t('scrubber.prev.title')} data-testid="state-prev">
          ◀
        </button>
        <input
          ref={slider}
          type="range"
          className="slider"
          min={0}
          max={max}
          step={1}
          value={version}
          onChange={(e) => onChange(Number(e.target.value))}
          aria-label={t('scrubber.slider')}
          aria-valuetext={t('scrubber.slider.value', { version, max })}
          data-testid="state-slider"
        />
        <button type="button" onClick={() => onChange(clamp(version + 1))} disabled={version >= max} aria-label={t('scrubber.next')} title={t('scrubber.next.title')} data-testid="state-next">
          ▶
        </button>
        <form onSubmit={submitBox} className="version-box">
          <label>
            {t('scrubber.version')}
            <input
              type="text"
              inputMode="numeric"
              value={box}
              onChange={(e) => setBox(e.target.value)}
              onBlur={(e) => e.currentTarget.form?.requestSubmit()}
              aria-invalid={boxError}
              data-testid="state-version-input"
            />
          </label>
          <span className="muted">{t('scrubber.of', { max })}</span>
        </form>
      </div>
      <div className="scrubber-row scrubber-secondary">
        <form onSubmit={(e) => void submitTime(e)} className="time-jump">
          <label>
            {t('scrubber.time')}
            <input
              type="text"
              className="mono"
              placeholder={exampleTime ?? t('scrubber.time.placeholder')}
              value={time}
              onChange={(e) => setTime(e.target.value)}
              data-search
              data-testid="state-time-input"
            />
          </label>
          <button type="submit" data-testid="state-time-go">
            {t('scrubber.go')}
          </button>
          {timeError && (
            <span className="field-error" role="alert">
              {timeError.message}
            </span>
          )}
        </form>
        {boxError && <span className="field-error">{t('scrubber.invalid', { max })}</span>}
        <span className="toolbar-spacer" />
        <span className="muted small">
          <Message k="scrubber.keys" components={{ kbd: <kbd /> }} />
        </span>
      </div>
    </div>
  );
}
