import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      // Few retries: an unreachable database should stop the start (or the CLI) quickly and clearly.
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        // each module registers its own entities (TypeOrmModule.forFeature)
        autoLoadEntities: true,
        migrationsRun: true,
        retryAttempts: 2,
        retryDelay: 1000,
      }),
    }),
  ],
})
export class DatabaseModule {}
