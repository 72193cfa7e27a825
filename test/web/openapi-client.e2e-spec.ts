import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The console's API types (web/src/api/schema.d.ts) are generated from the OpenAPI document
 * (web/openapi.json); both are committed. This fails when either no longer matches what the
 * built API serves at /api/docs-json, i.e. when an API change was not followed by `npm run openapi`
 * (the console's type check, part of the build, then tells what in the UI no longer fits).
 */
describe('the console client generated from the OpenAPI document', () => {
  it('matches the API as built', async () => {
    const result = await run(process.execPath, ['scripts/openapi.mjs', '--check'], { cwd: process.cwd() }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result).toEqual({ code: 0, stderr: '' });
  });
});
