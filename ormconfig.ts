// DataSource for the TypeORM CLI only (npm run migration:run|revert|generate); the app builds its own.
// It runs from the build (dist/ormconfig.js), so migrations are the compiled classes listed in
// src/database/migrations/index.ts, never a glob over .ts files Node cannot load.
import 'reflect-metadata';

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DataSource } from 'typeorm';

import { loadConfig } from './src/config/load-config.js';
import { dataSourceOptions } from './src/database/data-source-options.js';

// The app registers entities per module (autoLoadEntities); migration:generate needs them all:
// every compiled *.entity.js of the build this file belongs to.
const entities = [join(dirname(fileURLToPath(import.meta.url)), 'src', '**', 'entities', '*.entity.js')];

export default new DataSource({ ...dataSourceOptions(loadConfig().databaseUrl), entities });
