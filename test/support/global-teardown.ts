// Loaded like global-setup.ts (Node's own ESM loader): no imports of our .ts files here.
const MARIADB_HANDLE = Symbol.for('helpdesk-ldap.test.mariadb');

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { [MARIADB_HANDLE]?: { stop(): Promise<void> } })[MARIADB_HANDLE];
  await server?.stop();
}
