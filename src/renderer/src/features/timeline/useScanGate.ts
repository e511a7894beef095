// Asks first, runs second: on a database store a changed timeline filter is shown to the planner
// (events/estimate, EXPLAIN without running it) before the screen reads anything with it. When the
// plan reads a whole big table the gate holds the filter back with a notice until the person says
// "Run it"; otherwise (and on local files, and with no filter at all) it passes straight through.
// Meanwhile the screen keeps showing what the previous filter found.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { scanWarnRows, wideScans, type WideScan } from './scanWarning.ts';

export interface Gated<F, Q> {
  key: string;
  filters: F;
  query: Q;
}

export interface ScanGate<F, Q> {
  /** What the screen's reads use: the last filter let through (null until the first one is). */
  ran: Gated<F, Q> | null;
  /** The filter held back, and the tables it would read whole. */
  notice: { key: string; scans: WideScan[] } | null;
  /** Asking the planner now. */
  checking: boolean;
  /** "Run it": lets the held-back filter through. */
  runAnyway: () => void;
  /** Marks a filter as already agreed to (Run it again after a cancel): no second notice. */
  allow: (key: string) => void;
}

const isEmpty = (query: object) => Object.keys(query).length === 0;

export function useScanGate<F, Q extends object>(current: Gated<F, Q>, planned: boolean): ScanGate<F, Q> {
  const passes = !planned || isEmpty(current.query);
  const [ran, setRan] = useState<Gated<F, Q> | null>(passes ? current : null);
  const [notice, setNotice] = useState<{ key: string; scans: WideScan[] } | null>(null);
  const [checking, setChecking] = useState(false);
  const allowed = useRef(new Set<string>());
  const latest = useRef(current);
  latest.current = current;

  useEffect(() => {
    const wanted = latest.current;
    if (passes || allowed.current.has(wanted.key)) {
      allowed.current.add(wanted.key);
      setRan(wanted);
      setNotice(null);
      setChecking(false);
      return;
    }
    let live = true;
    setNotice(null);
    setChecking(true);
    void api.estimateEvents(wanted.query as never).then(
      (result) => {
        if (!live) return;
        setChecking(false);
        // Cancelled while asking: the filter does not run (the screen goes back to what it showed).
        if (!result.ok && result.error.code === 'CANCELLED') return;
        // No estimate (an error, a cancelled EXPLAIN): the filter runs, and Cancel is still there.
        const scans = result.ok ? wideScans(result.value, scanWarnRows()) : [];
        if (scans.length === 0) {
          allowed.current.add(wanted.key);
          setRan(wanted);
        } else setNotice({ key: wanted.key, scans });
      },
      () => {
        if (!live) return;
        setChecking(false);
        setRan(wanted);
      },
    );
    return () => {
      live = false;
    };
  }, [current.key, passes]);

  const runAnyway = useCallback(() => {
    const wanted = latest.current;
    allowed.current.add(wanted.key);
    setNotice(null);
    setRan(wanted);
  }, []);
  const allow = useCallback((key: string) => void allowed.current.add(key), []);

  return { ran, notice: notice && notice.key === current.key ? notice : null, checking, runAnyway, allow };
}
