import { HANDLES, type Handles } from './support/handles.js';

/** Stops what the global setup started, last started first. */
export default async function globalTeardown(): Promise<void> {
  const handles = (globalThis as { [HANDLES]?: Handles })[HANDLES] ?? [];
  for (const handle of [...handles].reverse()) await handle.stop();
  handles.length = 0;
}
