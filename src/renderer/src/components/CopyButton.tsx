// Copies ids, hashes and paths (clipboard access can be refused: then says so instead of failing).
import { useState } from 'react';

/** `text` may be a function, so large values are only serialized when copied. */
export function CopyButton({ text, label = 'Copy' }: { text: string | (() => string); label?: string }) {
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
    <button type="button" className="copy-button" onClick={() => void copy()} title={label} aria-label={label}>
      {state === 'copied' ? 'copied' : state === 'failed' ? 'copy refused' : 'copy'}
    </button>
  );
}
