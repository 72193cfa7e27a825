import type { components } from './schema';

/** Shorthands for the generated schemas the pages use most. */
export type Schemas = components['schemas'];
