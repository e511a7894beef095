// Loading data through `api` with the three states every screen shows: loading, error, value.
// Responses that arrive after the inputs changed are dropped, so a fast slider or a quick typist
// never sees an older answer overwrite a newer one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo, Result } from '../../../shared/result.ts';

export interface ApiState<T> {
  /** The latest successful value; kept while a newer request is loading so screens do not flash. */
  value: T | undefined;
  error: ErrorInfo | null;
  loading: boolean;
  reload: () => void;
}

export interface ApiOptions {
  /** Keep showing the previous value while the next one loads (scrubbing); default: clear it. */
  keepPrevious?: boolean;
}

export function useApi<T>(load: (() => Promise<Result<T>>) | null, deps: readonly unknown[], options: ApiOptions = {}): ApiState<T> {
  const keep = options.keepPrevious ?? false;
  const [state, setState] = useState<{ value: T | undefined; error: ErrorInfo | null; loading: boolean }>({
    value: undefined,
    error: null,
    loading: load !== null,
  });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (!load) {
      setState({ value: undefined, error: null, loading: false });
      return;
    }
    const request = ++latest.current;
    setState((s) => ({ value: keep ? s.value : undefined, error: keep ? s.error : null, loading: true }));
    load().then(
      (result) => {
        if (request !== latest.current) return;
        if (result.ok) setState({ value: result.value, error: null, loading: false });
        else setState((s) => ({ value: s.value, error: result.error, loading: false }));
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setState((s) => ({ value: s.value, error: { code: 'INTERNAL', message: String((error as Error)?.message ?? error) }, loading: false }));
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

/** A value that follows `value` after it has been still for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
