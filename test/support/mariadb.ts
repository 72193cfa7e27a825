import { createConnection } from 'mysql2/promise';

export { acquireMariaDb, dropDatabases, startMariaDb } from './global-setup.js';
export type { MariaDbServer } from './global-setup.js';

/** Creates an empty utf8mb4 database on the server at baseUrl and returns its URL (baseUrl with the name as path). */
export async function createDatabase(baseUrl: string, name: string): Promise<string> {
  if (!/^\w{1,64}$/.test(name)) throw new Error(`not a safe database name: ${name}`);
  const url = new URL(baseUrl);
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}
