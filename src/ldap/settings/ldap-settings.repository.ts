import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { LdapSettingsEntity } from '../entities/ldap-settings.entity.js';

export interface StoredSettings {
  data: Record<string, unknown>;
  bindPasswordEnc: string | null;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

const ROW_ID = 1;

@Injectable()
export class LdapSettingsRepository {
  constructor(@InjectRepository(LdapSettingsEntity) private readonly rows: Repository<LdapSettingsEntity>) {}

  async get(): Promise<StoredSettings | null> {
    const row = await this.rows.findOneBy({ id: ROW_ID });
    if (!row) return null;
    return {
      data: JSON.parse(row.data) as Record<string, unknown>,
      bindPasswordEnc: row.bindPasswordEnc,
      version: row.version,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
    };
  }

  /** The stored version alone (null before the first save): a cheap query for pollers. */
  async version(): Promise<number | null> {
    const row = await this.rows.findOne({ select: { version: true }, where: { id: ROW_ID } });
    return row?.version ?? null;
  }

  async save(next: Omit<StoredSettings, 'version' | 'updatedAt'>, previousVersion: number | null): Promise<number> {
    const version = (previousVersion ?? 0) + 1;
    const row = {
      id: ROW_ID,
      data: JSON.stringify(next.data),
      bindPasswordEnc: next.bindPasswordEnc,
      version,
      updatedAt: new Date(),
      updatedBy: next.updatedBy,
    };
    if (previousVersion === null) {
      await this.rows.insert(row);
    } else {
      // Optimistic: two admins saving at once must not silently overwrite each other.
      const result = await this.rows.update({ id: ROW_ID, version: previousVersion }, row);
      if (!result.affected) throw new ConcurrentSettingsChange();
    }
    return version;
  }
}

export class ConcurrentSettingsChange extends Error {
  constructor() {
    super('the settings were changed by someone else meanwhile; reload and try again');
  }
}
