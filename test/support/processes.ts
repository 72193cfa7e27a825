import { spawn } from 'node:child_process';
import { inspect } from 'node:util';

export interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a program to completion; rejects with its stderr when it exits non-zero. */
export function run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 120_000,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const result = { stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
      if (code === 0) return resolve(result);
      const why = signal ? `was killed by ${signal}` : `exited with ${code}`;
      reject(new Error(`${cmd} ${args.join(' ')} ${why}:\n${result.stderr.trim() || result.stdout.trim()}`));
    });
    child.stdin.on('error', () => undefined); // EPIPE when the program exits before reading
    child.stdin.end(options.input ?? '');
  });
}

type Cleanup = () => void;

/**
 * The real process. Jest runs each test file in a VM context whose `process` is a copy: 'exit'
 * and signal listeners added to it never fire. util.inspect belongs to Node's own realm, so its
 * constructor is that realm's Function, which sees the real global `process`.
 */
const hostProcess = (inspect.constructor as FunctionConstructor)('return process')() as NodeJS.Process;

// Shared by every test file the worker runs (each gets fresh copies of this module), so the
// process listeners are installed once.
const REGISTRY = Symbol.for('helpdesk-ldap.test.exit-cleanups');
type HostWithRegistry = NodeJS.Process & { [REGISTRY]?: Set<Cleanup> };

function runCleanups(cleanups: Set<Cleanup>): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // best effort: the process is going away
    }
  }
  cleanups.clear();
}

function registry(): Set<Cleanup> {
  const host = hostProcess as HostWithRegistry;
  const existing = host[REGISTRY];
  if (existing) return existing;
  const cleanups = new Set<Cleanup>();
  host[REGISTRY] = cleanups;
  host.once('exit', () => runCleanups(cleanups));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    host.once(signal, () => {
      runCleanups(cleanups);
      host.kill(host.pid, signal);
    });
  }
  return cleanups;
}

/**
 * Registers a synchronous cleanup (kill a server, remove its directory) that runs if the process
 * exits or is signalled before the owner cleans up, e.g. after a crashed test or a forced worker
 * exit. Returns the function that unregisters it.
 */
export function onProcessExit(cleanup: Cleanup): () => void {
  const cleanups = registry();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
