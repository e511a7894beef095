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

/** What a request resolved to, and for which inputs (the version of the deps it was asked with). */
export interface LoadedState<T> {
  value: T | undefined;
  error: ErrorInfo | null;
  loading: boolean;
  version: number;
}

/** Whether two deps lists differ, compared as React compares effect deps. */
export function depsChanged(previous: readonly unknown[] | null, next: readonly unknown[]): boolean {
  return previous === null || previous.length !== next.length || previous.some((dep, i) => !Object.is(dep, next[i]));
}

/**
 * What the screen may show in the render where the inputs are `version`. The effect that starts the
 * new request runs after that render is painted, so an answer for older inputs is still in state
 * then: shown beside the new inputs it would claim to be their answer (a diff titled 1→40 listing
 * the changes of 39→40). Unless the caller keeps the previous value on purpose, it is not shown.
 */
export function shownState<T>(state: LoadedState<T>, version: number, keepPrevious: boolean, willLoad: boolean): Omit<LoadedState<T>, 'version'> {
  if (state.version === version) return { value: state.value, error: state.error, loading: state.loading };
  if (keepPrevious) return { value: state.value, error: state.error, loading: willLoad };
  return { value: undefined, error: null, loading: willLoad };
}

export function useApi<T>(load: (() => Promise<Result<T>>) | null, deps: readonly unknown[], options: ApiOptions = {}): ApiState<T> {
  const keep = options.keepPrevious ?? false;
  const [generation, setGeneration] = useState(0);
  // The inputs' version moves in the render where they change, before the effect below runs.
  const inputs = useRef<{ deps: readonly unknown[] | null; version: number }>({ deps: null, version: 0 });
  const allDeps = [...deps, generation];
  if (depsChanged(inputs.current.deps, allDeps)) inputs.current = { deps: allDeps, version: inputs.current.version + 1 };
  const version = inputs.current.version;
  const [state, setState] = useState<LoadedState<T>>({ value: undefined, error: null, loading: load !== null, version });
  const latest = useRef(0);

  useEffect(() => {
    if (!load) {
      setState({ value: undefined, error: null, loading: false, version });
      return;
    }
    const request = ++latest.current;
    setState((s) => ({ value: keep ? s.value : undefined, error: keep ? s.error : null, loading: true, version }));
    load().then(
      (result) => {
        if (request !== latest.current) return;
        if (result.ok) setState({ value: result.value, error: null, loading: false, version });
        else setState((s) => ({ value: s.value, error: result.error, loading: false, version }));
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setState((s) => ({ value: s.value, error: { code: 'INTERNAL', message: String((error as Error)?.message ?? error) }, loading: false, version }));
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...shownState(state, version, keep, load !== null), reload };
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
