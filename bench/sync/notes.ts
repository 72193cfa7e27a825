/** What RESULTS.md says about how the sync figures were taken. */
export const NOTES = [
  "Directory: generateUsersLdif (inetOrgPerson users spread over 10 OUs under ou=load, 20 groupOfNames, each user in 1 to 3 of them, memberOf written), slapadd-ed into a throwaway slapd (test/directories/openldap.ts, size limit 500); one entry is changed a second after the load, as a live directory has been since its load (otherwise every entry carries the load's second and the first delta mark catches them all). Scope ou=load,dc=example,dc=com with (objectClass=inetOrgPerson), page size 500; three mailboxes with (memberOf=<group>) filters (about 10 % of the users each), so every run also assigns mailboxes.",
  "T_dump: `ldapsearch -x -H ldap://127.0.0.1:PORT -D <service dn> -w <pw> -b ou=load,dc=example,dc=com -E pr=500/noprompt '(objectClass=inetOrgPerson)' <the attributes the import requests> > /dev/null`, timed from spawn to exit; median of 4 runs (2 before, 2 after our runs) in the same child process.",
  "T_upsert: the rows our import wrote, upserted with raw mysql2 into a new empty table created LIKE the app's users table (same columns and indexes), 500 rows per multi-row INSERT … ON DUPLICATE KEY UPDATE, autocommit; median of 3, each into a new table. On SQLite the same with raw better-sqlite3 (users DDL copied, WAL, INSERT … ON CONFLICT DO UPDATE), reported only.",
  'Ours: SyncService.start({trigger: "api", full}) inside the app (startTestApp; settings and mailboxes through the admin API), timed from the call to the end of `done`: directory pass, upsert batches (compare before write), one LDAP log line per created or changed user and per mailbox membership added, deprovisioning check, mailbox assignment, run record. Full import into an empty database (once per process); re-sync: a full run over the unchanged directory (3 times, median); delta: 10 entries changed with ldapmodify, then a run without `full` (the service picks a delta after a successful full run; 3 times, median).',
  'The delta goal is read against the full re-sync (a full pass over the same directory: the run a delta stands in for); the share of the full import is shown too. The delta search adds (modifyTimestamp>=mark); OpenLDAP stamps to the second, so an entry changed in the mark\'s second comes back again ("entries returned").',
  'RSS: each size and database in a fresh `node --expose-gc` process (bench/sync/one-size.ts); growth = peak of process.memoryUsage().rss sampled every 50 ms during the full import, minus RSS just before it (after a full GC). "Heap kept" = heap in use after a full GC once the import is over, minus the same before it.',
  '"Where the time goes": the app\'s own providers have their methods wrapped (bench/sync/probes.ts) to add up wall time inside them; CPU per process from process.cpuUsage() and /proc/<pid>/stat of MariaDB and slapd.',
  "MariaDB is the test harness's throwaway server (32 MB buffer pool, no fsync per commit, no binlog), the same for ours and for T_upsert. slapd, MariaDB, the app and the baselines share this 2-core machine.",
  'Chart: bench/sync-chart.svg (sync time against directory size, ours vs the baselines).',
];

/** What the delta figures depend on: the directory's index on modifyTimestamp. */
export const INDEXED_NOTE =
  "slapd has `index modifyTimestamp eq` (olcDbIndex), as the README tells admins to give a directory that runs deltas (production OpenLDAP directories have it; its equality index serves the delta's `>=`). Without it slapd scans every entry for each delta's (modifyTimestamp>=mark): `node bench/out/bench/run.js sync --only=unindexed,…` runs the same benchmark without the index (not recorded).";

export const UNINDEXED_NOTE =
  'slapd has NO index on modifyTimestamp (`--only=unindexed`): each delta makes slapd scan every entry for (modifyTimestamp>=mark). The recorded runs give slapd `index modifyTimestamp eq`, as the README tells admins to.';

/** A V8 heap cap, to show how much of the RSS growth is the heap's headroom rather than memory the import holds. */
export const CAPPED_HEAP = ['--max-old-space-size=192'];

export const CAPPED_NOTE = `The rows with node flags are a second fresh process running only the full import with the V8 heap capped (${CAPPED_HEAP.join(' ')}): V8 then collects sooner instead of growing the heap, which shows how much of the default run's RSS growth is heap headroom rather than memory the import holds. No goal is read from them.`;
