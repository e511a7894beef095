// The masking switch's state on the renderer side: main keeps the setting (masking/get, masking/set)
// and masks what the handlers answer; this mirrors it so the header and the event detail agree.
import { useSyncExternalStore } from 'react';
import type { MaskingStatus } from '../../../../shared/masking.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import type { Input } from '../../../../shared/contract.ts';
import { api } from '../../api.ts';

let status: MaskingStatus | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();
const publish = (next: MaskingStatus) => {
  status = next;
  for (const listener of listeners) listener();
};

function load(): void {
  loading ??= api.maskingStatus().then((result) => {
    if (result.ok) publish(result.value);
    else loading = null; // asked again on the next render
  });
}

export function useMasking(): MaskingStatus | null {
  load();
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => status,
  );
}

/** Turns masking on or off (and optionally sets the policy); the error in words when main refuses. */
export async function setMasking(enabled: boolean, policy?: Input<'masking/set'>['policy']): Promise<ErrorInfo | null> {
  const result = await api.setMasking(policy ? { enabled, policy } : { enabled });
  if (!result.ok) return result.error;
  publish(result.value);
  return null;
}
