/** express-mysql-session 3 ships no types: the part of its API the NestJS baseline uses. */
declare module 'express-mysql-session' {
  import type session from 'express-session';

  interface MySqlStoreOptions {
    host: string;
    port: number;
    user: string;
    password: string;
    database: string;
    schema?: { tableName?: string };
  }

  interface MySqlStore extends session.Store {
    onReady(): Promise<void>;
    close(): Promise<void>;
  }

  export default function MySqlStoreFactory(
    expressSession: typeof session,
  ): new (options: MySqlStoreOptions) => MySqlStore;
}
