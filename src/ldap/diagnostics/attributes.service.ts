import { Injectable } from '@nestjs/common';

import { LdapLogService } from '../../logs/ldap-log.service.js';
import { LdapConnection } from '../client/ldap-connection.js';
import type { DirectoryEntry } from '../client/directory-entry.js';
import { lookupScopes } from '../directory/directory.service.js';
import { LdapError } from '../ldap.error.js';
import { LdapConnectionSettings, LdapSettings } from '../settings/ldap-settings.types.js';
import { EntryReader } from '../directory/entry-reader.js';
import { DiscoveredAttribute, proposeMapping, summariseAttributes } from './attribute-discovery.js';

export interface AttributesReport {
  attributes: DiscoveredAttribute[];
  sampled: number;
  proposedMapping: ReturnType<typeof proposeMapping>;
}

/** "Connect & Fetch Attributes": a small sample from every scope, every attribute the sample has. */
@Injectable()
export class AttributesService {
  constructor(private readonly logs: LdapLogService) {}

  async fetch(settings: LdapSettings, connection: LdapConnectionSettings, actor: string): Promise<AttributesReport> {
    let entries: DirectoryEntry[];
    try {
      entries = await sample(settings, connection);
    } catch (error) {
      if (!(error instanceof LdapError)) throw error;
      const message = `fetching attributes from ${connection.host}:${connection.port} failed: ${error.message}`;
      await this.logs.write({
        level: 'warn',
        event: 'diagnostics.attributes',
        actor,
        message,
        details: { code: error.code },
      });
      throw error; // answered 502 with the connection test's hint (AllExceptionsFilter)
    }
    const attributes = summariseAttributes(entries);
    await this.logs.write({
      level: 'info',
      event: 'diagnostics.attributes',
      actor,
      message: `fetched ${attributes.length} attribute names from ${entries.length} sampled entries`,
    });
    return { attributes, sampled: entries.length, proposedMapping: proposeMapping(attributes) };
  }
}

async function sample(settings: LdapSettings, connection: LdapConnectionSettings): Promise<DirectoryEntry[]> {
  // the stored password is not sent to a changed target; say so rather than bind without it
  if (!connection.bindPassword && connection.bindPasswordWithheld)
    throw new LdapError('INVALID_CREDENTIALS', connection.bindPasswordWithheld);
  const conn = await LdapConnection.open(connection);
  try {
    await conn.bindService(connection);
    const entries: DirectoryEntry[] = [];
    const reader = EntryReader.for(settings);
    for (const scope of lookupScopes(settings)) {
      // A client size limit below the scope's size is answered with sizeLimitExceeded and the entries, which ldapts accepts.
      entries.push(
        ...(await conn.search(scope.dn, {
          filter: scope.filter,
          // everything, and by name what the reader requests (servers that ignore '+' still send those)
          attributes: [...new Set(['*', '+', ...reader.attributes])],
          sizeLimit: settings.sampleSize,
          binaryAttributes: [...reader.binaryAttributes],
        })),
      );
    }
    return entries;
  } finally {
    await conn.close();
  }
}
