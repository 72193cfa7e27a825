import type { IncomingMessage, ServerResponse } from 'node:http';

import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pretty from 'pino-pretty';

import type { AppConfig } from '../config/app-config.js';
import { requestId } from './request-id.js';

/**
 * Defence in depth: the serializers below keep only chosen fields, so headers (cookies, the SSO
 * secret header, Authorization) and bodies (passwords, the bind secret) are never logged; these
 * paths are censored should an object carrying them be logged anyway.
 */
export const REDACTED_PATHS = [
  'req.headers',
  'res.headers',
  'headers',
  'body',
  '*.password',
  '*.bindPassword',
  '*.secret',
  '*.cookie',
  '*.authorization',
];

/** Probes that would add a line every few seconds. */
const QUIET_PATHS = new Set(['/api/health', '/api/health/ready', '/api/metrics']);

/**
 * Logs through pino (nestjs-pino): one JSON object a line, or readable text (pino-pretty), with
 * the request id (`reqId`) on every line written while a request is handled (nestjs-pino keeps
 * the request's logger in AsyncLocalStorage). One "request completed" line per request.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: Pick<AppConfig, 'logFormat' | 'logLevel'>): DynamicModule {
    const options = {
      level: config.logLevel,
      genReqId: requestId,
      quietReqLogger: true,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has(pathOf(req.url)) },
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: pathOf(req.url) }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
    };
    const stream =
      config.logFormat === 'text'
        ? pretty({
            sync: true,
            colorize: false,
            singleLine: true,
            translateTime: 'SYS:HH:MM:ss.l',
            ignore: 'pid,hostname,context,reqId',
            messageFormat: '{if context}[{context}] {end}{if reqId}(request {reqId}) {end}{msg}',
          })
        : undefined;
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: stream ? [options, stream] : options })],
    };
  }
}

/** The URL without its query string: a query may carry what does not belong in a log. */
function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}
