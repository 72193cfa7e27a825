import { readdirSync, readFileSync } from 'node:fs';

import type { CpuTimes, SizeEnvironment } from './types.js';

/** utime + stime of a process, in ms (Linux /proc; clock ticks are 10 ms here, as almost everywhere). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The pid of the process whose command line contains needle (the harness does not hand out MariaDB's pid). */
function findPid(needle: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  throw new Error(`no process with ${needle} in its command line`);
}

/** Counts CPU time of this process, MariaDB and slapd from now until the returned function is called. */
export function cpuMeter(env: SizeEnvironment): () => CpuTimes {
  const pids = { mariadb: findPid(`--port=${new URL(env.mariadbUrl).port}`), slapd: env.ldap.pid };
  const start = { node: process.cpuUsage(), mariadb: processCpuMs(pids.mariadb), slapd: processCpuMs(pids.slapd) };
  return () => {
    const node = process.cpuUsage(start.node);
    return {
      node: (node.user + node.system) / 1000,
      mariadb: processCpuMs(pids.mariadb) - start.mariadb,
      slapd: processCpuMs(pids.slapd) - start.slapd,
    };
  };
}
