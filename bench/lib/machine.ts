import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem } from 'node:os';

/** The lines RESULTS.md gives about the machine a run was made on. */
export function machineLines(): string[] {
  return [
    `nproc ${availableParallelism()}, CPU ${cpus()[0]?.model.trim() ?? 'unknown'}, memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `Linux ${release()}, Node ${process.version}, ${programVersion('slapd', ['-VV'])}, ${programVersion('mariadbd', ['--version'])}`,
  ];
}

function programVersion(program: string, args: string[]): string {
  for (const dir of ['/usr/sbin/', '/usr/local/sbin/', '']) {
    // slapd -VV prints its version on stderr
    const { stdout, stderr, error } = spawnSync(`${dir}${program}`, args, { encoding: 'utf8' });
    if (!error) return firstVersion(program, `${stdout}${stderr}`);
  }
  return `${program} (version unknown)`;
}

function firstVersion(program: string, text: string): string {
  const version = /\d+\.\d+\.\d+[-\w.]*/.exec(text)?.[0];
  return version ? `${program} ${version}` : `${program} (version unknown)`;
}
