// Runs `nest build` only when the build is missing or older than its sources, so `npm run cli`
// and the migration commands start in about a second on an unchanged checkout.
// Staleness is judged by modification times: the newest file under src/ (and ormconfig.ts,
// package.json, the tsconfigs) against dist/src/main.js. Build output goes to stderr, so a
// command's stdout stays its own.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const built = join(root, 'dist/src/main.js');
const inputs = ['src', 'ormconfig.ts', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) =>
  join(root, p),
);

function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (!existsSync(built) || Math.max(...inputs.map(newest)) > statSync(built).mtimeMs) {
  process.stderr.write('building (dist/ is missing or older than src/)...\n');
  const nest = join(root, 'node_modules/@nestjs/cli/bin/nest.js');
  const result = spawnSync(process.execPath, [nest, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  process.exit(result.status ?? 1);
}
