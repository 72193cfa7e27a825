// DataSource for the TypeORM CLI only (migration:run, migration:generate); the app builds its own.
import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { loadConfig } from './src/config/load-config.js';
import { dataSourceOptions } from './src/database/data-source-options.js';

export default new DataSource({
  ...dataSourceOptions(loadConfig().databaseUrl),
  migrations: ['src/database/migrations/[0-9]*-*.ts'],
});
