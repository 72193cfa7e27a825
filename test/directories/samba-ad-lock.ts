import { spawn } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { findBinary } from '../support/prerequisites.js';

export interface HostLock {
  /** Idempotent. The kernel releases the lock anyway when this process dies. */
  release(): void;
}

function holderOf(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * An exclusive flock(2) on `path`, shared by every process on the host: Samba AD's fixed ports
 * allow one instance at a time, and a template is provisioned by one process while the others
 * wait. flock(1) locks the open file description it inherits as fd 3, which this process keeps
 * open: the lock outlives flock(1) and dies with us, so a crashed test run never leaves it held.
 */
export async function acquireHostLock(path: string, timeoutMs: number): Promise<HostLock> {
  const flock = findBinary('flock');
  if (!flock) throw new Error('flock (util-linux) is missing: apt-get install -y util-linux');
  const fd = openSync(path, 'a+');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(flock, ['--exclusive', '--timeout', String(Math.ceil(timeoutMs / 1000)), '3'], {
        stdio: ['ignore', 'ignore', 'pipe', fd],
      });
      child.once('error', reject);
      child.once('exit', (code) => {
        if (code === 0) return resolve();
        reject(new Error(`${path} is still held by ${holderOf(path)} after ${timeoutMs} ms`));
      });
    });
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  ftruncateSync(fd);
  writeSync(fd, `pid ${process.pid} since ${new Date().toISOString()}\n`);
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      closeSync(fd);
    },
  };
}

const STALE_AFTER_MS = 3_600_000;

/**
 * Templates stay in the temp directory across runs, named prefix + key (+ variant): once a new
 * one is built, those of other keys (older fixtures or server versions) built over an hour ago
 * go, with their lock files.
 */
export function removeStaleTemplates(prefix: string, key: string): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(prefix) || name.endsWith('.lock') || name.includes(key)) continue;
    const path = join(tmpdir(), name);
    if (Date.now() - statSync(path).mtimeMs < STALE_AFTER_MS) continue;
    rmSync(path, { recursive: true, force: true });
    rmSync(`${path}.lock`, { force: true });
  }
}
