import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';

import { LdapLogService } from '../../logs/ldap-log.service.js';
import { serverHealth, type ServerHealthEvent } from './server-health.js';

/** Writes one LDAP log line when a directory server is marked down, fails its retry, or is taken back. */
@Injectable()
export class ServerHealthLog implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly logs: LdapLogService) {}

  onModuleInit(): void {
    this.unsubscribe = serverHealth.subscribe((event) => void this.logs.append(logEntry(event)));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}

function logEntry(event: ServerHealthEvent) {
  const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
  switch (event.kind) {
    case 'down':
      return {
        level: 'warn' as const,
        event: 'ldap.server.down',
        message: `directory server ${event.server} marked down (${event.reason}): the next server that answers is used meanwhile, and this one is tried again in ${seconds(event.backOffMs)}`,
        details: { server: event.server, reason: event.reason, backOffMs: event.backOffMs },
      };
    case 'still-down':
      return {
        level: 'warn' as const,
        event: 'ldap.server.still-down',
        message: `directory server ${event.server} tried again and still down (${event.reason}); tried again in ${seconds(event.backOffMs)}`,
        details: { server: event.server, reason: event.reason, backOffMs: event.backOffMs },
      };
    case 'up':
      return {
        level: 'info' as const,
        event: 'ldap.server.up',
        message: `directory server ${event.server} answers again and is used again (down for ${seconds(event.downForMs)})`,
        details: { server: event.server, downForMs: event.downForMs },
      };
  }
}
