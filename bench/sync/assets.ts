import { cpSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root: the first directory above `from` with a package.json. */
export function projectRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${from}`);
}

/** tsc copies no data files: the compiled test harness looks for its LDIF fixtures beside itself (as bench/run.ts does). */
export function copyHarnessAssets(compiledBenchDir: string): void {
  const fixtures = join('test', 'directories', 'fixtures');
  cpSync(join(projectRoot(compiledBenchDir), fixtures), join(dirname(compiledBenchDir), fixtures), { recursive: true });
}
