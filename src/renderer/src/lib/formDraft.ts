// A form's draft follows the values it was made from, field by field. When the applied values change
// (a field applied on blur, the plot's brush, "Clear filters", a link), only the fields that changed
// are taken into the draft: an edit the user made meanwhile in another field survives. Replacing the
// whole draft lost such edits — typing in a second field right after leaving the first one (whose
// blur applied it) was silently undone when the first apply landed.
import { useState } from 'react';

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The draft after the applied values went from `previous` to `next`. */
export function followApplied<T extends object>(draft: T, previous: T, next: T): T {
  let merged = draft;
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (!sameValue(previous[key], next[key]) && !sameValue(merged[key], next[key])) merged = { ...merged, [key]: next[key] };
  }
  return merged;
}

/** A draft of `applied` that the user edits; see followApplied for how it follows `applied`. */
export function useFormDraft<T extends object>(applied: T): [T, (update: (draft: T) => T) => void] {
  const [draft, setDraft] = useState(applied);
  const [seen, setSeen] = useState(applied);
  if (seen !== applied) {
    // React's "adjust state while rendering" pattern: no frame shows the stale draft.
    setSeen(applied);
    const merged = followApplied(draft, seen, applied);
    if (merged !== draft) setDraft(merged);
    return [merged, setDraft];
  }
  return [draft, setDraft];
}
