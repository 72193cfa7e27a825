import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { DatabaseKind, MemoryOnlyResult, SizeEnvironment, SizeResult } from './types.js';

const CHILD = join(import.meta.dirname, 'one-size.js');

async function runChild<T>(env: SizeEnvironment, db: DatabaseKind, nodeFlags: string[], mode?: string): Promise<T> {
  const envPath = join(env.scratchDir, `env-${db}.json`);
  const resultPath = join(env.scratchDir, `result-${db}.json`);
  writeFileSync(envPath, JSON.stringify(env));
  rmSync(resultPath, { force: true });
  const args = [
    '--expose-gc',
    ...nodeFlags,
    CHILD,
    String(env.users),
    db,
    envPath,
    resultPath,
    ...(mode ? [mode] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c, s) => resolve([c, s]));
  });
  if (code !== 0 || !existsSync(resultPath))
    throw new Error(`one-size.js ${env.users} ${db} ${signal ? `killed by ${signal}` : `exited with ${code}`}`);
  return JSON.parse(readFileSync(resultPath, 'utf8')) as T;
}

/** Runs one size on one database in a fresh node process (node --expose-gc, nothing else) and reads its result file. */
export function runOneSize(env: SizeEnvironment, db: DatabaseKind): Promise<SizeResult> {
  return runChild<SizeResult>(env, db, []);
}

/** A full import alone in a fresh node process started with these flags, for its memory figures. */
export function runMemoryOnly(env: SizeEnvironment, db: DatabaseKind, nodeFlags: string[]): Promise<MemoryOnlyResult> {
  return runChild<MemoryOnlyResult>(env, db, nodeFlags, 'memory-only');
}
