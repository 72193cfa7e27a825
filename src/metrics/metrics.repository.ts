import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Counts read for the metrics at each scrape. */
@Injectable()
export class MetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Users grouped by source (authSource) and status. */
  async usersBySourceAndStatus(): Promise<{ source: string; status: string; count: number }[]> {
    const rows: { source: string; status: string; count: number | string }[] = await this.dataSource
      .createQueryBuilder()
      .select('u.auth_source', 'source')
      .addSelect('u.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .from('users', 'u')
      .groupBy('u.auth_source')
      .addGroupBy('u.status')
      .getRawMany();
    return rows.map((row) => ({ source: row.source, status: row.status, count: Number(row.count) }));
  }
}
