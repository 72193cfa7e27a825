// DataSource for the TypeORM CLI only (npm run migration:run|revert|generate); the app builds its own.
// It runs from the build (dist/ormconfig.js), so migrations are the compiled classes listed in
// src/database/migrations/index.ts, never a glob over .ts files Node cannot load.
import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { loadConfig } from './src/config/load-config.js';
import { dataSourceOptions } from './src/database/data-source-options.js';

export default new DataSource(dataSourceOptions(loadConfig().databaseUrl));
