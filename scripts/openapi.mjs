// Writes the API's OpenAPI document to web/openapi.json and the console's typed client schema to
// web/src/api/schema.d.ts (openapi-typescript). Runs the built API (dist/) in memory on a throwaway
// SQLite database and reads the document from its own /api/docs-json on a loopback port.
//   node scripts/openapi.mjs           write both files
//   node scripts/openapi.mjs --check   exit 1 when either committed file differs from the API
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import openapiTS, { astToString } from 'openapi-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const documentFile = join(root, 'web', 'openapi.json');
const schemaFile = join(root, 'web', 'src', 'api', 'schema.d.ts');

/** The OpenAPI document of the built API, as pretty JSON. */
async function readDocument() {
  const { createApp } = await import(join(root, 'dist/src/app.factory.js'));
  const dataDir = mkdtempSync(join(tmpdir(), 'hd-openapi-'));
  const config = {
    port: 0,
    databaseUrl: `sqlite:${join(dataDir, 'openapi.sqlite')}`,
    dataDir,
    appKey: randomBytes(32),
    appKeySource: 'env',
    trustProxy: false,
    sessionTtlSeconds: 3600,
    loginThrottle: { perLogin: 10, perLoginWindowSeconds: 900, perClient: 100, perClientWindowSeconds: 3600 },
  };
  const app = await createApp(config, { logger: process.env.OPENAPI_DEBUG ? undefined : false });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address();
    const res = await fetch(`http://127.0.0.1:${port}/api/docs-json`);
    if (!res.ok) throw new Error(`/api/docs-json answered ${res.status}`);
    return `${JSON.stringify(await res.json(), null, 2)}\n`;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function toSchema(documentText) {
  const ast = await openapiTS(JSON.parse(documentText), { alphabetize: true });
  return `// Generated from web/openapi.json by scripts/openapi.mjs: do not edit.\n${astToString(ast)}`;
}

function readOrEmpty(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const documentText = await readDocument();
const schemaText = await toSchema(documentText);
if (process.argv.includes('--check')) {
  const stale = [
    [documentFile, documentText],
    [schemaFile, schemaText],
  ].filter(([file, text]) => readOrEmpty(file) !== text);
  for (const [file] of stale)
    process.stderr.write(`${file} no longer matches the API: run "npm run openapi" and commit it\n`);
  process.exit(stale.length ? 1 : 0);
}
writeFileSync(documentFile, documentText);
writeFileSync(schemaFile, schemaText);
process.stdout.write(`wrote ${documentFile} and ${schemaFile}\n`);
