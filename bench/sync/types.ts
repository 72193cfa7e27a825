/** What the parent (bench/sync.bench.ts) hands a one-size child, and what the child answers. */

import type { RssFigures } from './rss.js';

export type DatabaseKind = 'mariadb' | 'sqlite';

/** The directory and database server one size runs against, started by the parent. */
export interface SizeEnvironment {
  users: number;
  ldap: {
    host: string;
    port: number;
    url: string;
    baseDn: string;
    serviceDn: string;
    servicePassword: string;
    rootDn: string;
    rootPassword: string;
    pid: number;
  };
  /** ou=load,<base>: the search scope holding every generated user. */
  containerDn: string;
  /** Groups whose members get a mailbox (memberOf filters). */
  mailboxGroupDns: string[];
  /** DNs of the users the delta run changes. */
  changedDns: string[];
  /** mysql://…/ of the MariaDB server (no database). */
  mariadbUrl: string;
  /** When an entry was last changed before the runs (ms): the delta's changes come in a later second. */
  touchedAt: number;
  /** Directory for SQLite files. */
  scratchDir: string;
}

/** Milliseconds spent in the app's sync steps, from wrapping the injected services (see probes.ts). */
export type Breakdown = Record<string, number>;

/** CPU time (ms) each process used during a run: the app's node process, MariaDB, slapd. */
export interface CpuTimes {
  node: number;
  mariadb: number;
  slapd: number;
}

export interface OurRun {
  mode: string;
  status: string;
  ms: number;
  entries: number;
  counters: Record<string, number>;
  breakdown: Breakdown;
  cpu: CpuTimes;
}

export interface SizeResult {
  users: number;
  db: DatabaseKind;
  /** Raw dump with ldapsearch: every measured run (ms), in order. */
  dumpMs: number[];
  /** Raw batched upsert of the same rows, each into a new empty users-shaped table (ms). */
  upsertMs: number[];
  upsertRows: number;
  full: OurRun;
  resyncs: OurRun[];
  /** Each after 10 entries were changed. */
  deltas: OurRun[];
  rss: RssFigures;
}

/** A full import alone, for its memory figures (the child run with other node flags). */
export interface MemoryOnlyResult {
  users: number;
  db: DatabaseKind;
  nodeFlags: string[];
  ms: number;
  rss: RssFigures;
}

export interface SyncResults {
  sizes: SizeResult[];
  memory: MemoryOnlyResult[];
  /** slapd had `index modifyTimestamp eq` (the default; `--only=unindexed` runs without it). */
  modifyTimestampIndexed: boolean;
}
