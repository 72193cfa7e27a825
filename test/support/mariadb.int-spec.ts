import { createConnection, RowDataPacket } from 'mysql2/promise';

import { mariaDbUrl, sqliteUrl, testDatabases } from './databases.js';

describe('MariaDB test server', () => {
  it('gives every caller a fresh utf8mb4 database that round-trips 4-byte characters', async () => {
    const [first, second] = await Promise.all([mariaDbUrl(), mariaDbUrl()]);
    expect(first).not.toEqual(second);
    const connection = await createConnection(first);
    try {
      await connection.query('CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(50) NOT NULL)');
      await connection.query('INSERT INTO notes VALUES (1, ?)', ['ticket 🎫 from José']);
      const [rows] = await connection.query<RowDataPacket[]>('SELECT body FROM notes');
      expect(rows.map((row) => row.body)).toEqual(['ticket 🎫 from José']);
      const [[charset]] = await connection.query<RowDataPacket[]>('SELECT @@character_set_database AS name');
      expect(charset.name).toBe('utf8mb4');
    } finally {
      await connection.end();
    }
  });

  it('offers SQLite and MariaDB for describe.each', async () => {
    expect(testDatabases().map((db) => db.name)).toEqual(['sqlite', 'mariadb']);
    expect(await sqliteUrl()).toMatch(/^sqlite:\/.+\.sqlite$/);
  });
});
