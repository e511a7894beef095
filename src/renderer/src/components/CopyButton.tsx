// Copies ids, hashes and paths (clipboard access can be refused: then says so instead of failing).
import { useState } from 'react';
import { useT } from '../i18n/index.ts';

/** `text` may be a function, so large values are only serialized when copied. */
export function CopyButton({ text, label }: { text: string | (() => string); label?: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? text() : text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" className="copy-button" onClick={() => void copy()} title={label ?? t('common.copy')} aria-label={label ?? t('common.copy')}>
      {state === 'copied' ? t('copy.copied') : state === 'failed' ? t('copy.refused') : t('copy.copy')}
    </button>
  );
}
