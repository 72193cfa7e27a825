/** The servers the global setup started, for the global teardown (both run in the runner's process). */
export const HANDLES = Symbol.for('helpdesk-ldap.e2e.servers');
export type Handles = { stop(): Promise<void> }[];
