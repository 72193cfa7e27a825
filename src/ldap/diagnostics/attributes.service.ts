import { Injectable } from '@nestjs/common';

import { LdapLogService } from '../../logs/ldap-log.service.js';
import { LdapConnection } from '../client/ldap-connection.js';
import { LdapConnectionSettings, LdapSettings } from '../settings/ldap-settings.types.js';
import { BINARY_ATTRIBUTES, DiscoveredAttribute, proposeMapping, summariseAttributes } from './attribute-discovery.js';

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
    const conn = await LdapConnection.open(connection);
    try {
      await conn.bindService(connection);
      const entries = [];
      for (const scope of scopesOf(settings)) {
        entries.push(...(await conn.search(scope.dn, { filter: scope.filter, attributes: ['*', '+'], sizeLimit: settings.sampleSize, binaryAttributes: BINARY_ATTRIBUTES })));
      }
      const attributes = summariseAttributes(entries);
      await this.logs.write({ level: 'info', event: 'diagnostics.attributes', actor, message: `fetched ${attributes.length} attribute names from ${entries.length} sampled entries` });
      return { attributes, sampled: entries.length, proposedMapping: proposeMapping(attributes) };
    } finally {
      await conn.close();
    }
  }
}

function scopesOf(settings: LdapSettings) {
  const scopes = [...settings.searchScopes];
  if (settings.allowBindDnScopeLogin && settings.bindDn) {
    scopes.push({ dn: settings.bindDn, filter: scopes.length === 1 ? scopes[0].filter : `(|${scopes.map((s) => s.filter).join('')})` });
  }
  return scopes;
}
