import { useSyncExternalStore } from 'react';

let offline = false;
const listeners = new Set<() => void>();

function set(value: boolean): void {
  if (offline === value) return;
  offline = value;
  listeners.forEach((listener) => listener());
}

export const reportOffline = (): void => set(true);
export const reportOnline = (): void => set(false);

/** True while the last API call could not reach the server. */
export function useOffline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => offline,
  );
}
