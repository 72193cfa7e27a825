import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

import { DomainError } from './domain-error.js';

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
};

/**
 * Every error leaves as JSON. Domain errors (DomainError, LdapError) answer their own status with
 * `{statusCode, message, code, error}` and their details (an LdapError's hint); HTTP exceptions keep
 * their status and body; anything unexpected is logged with its stack and answered as a plain 500
 * that reveals nothing.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const { status, body } = this.describe(exception);
    res.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      const status = exception.httpStatus;
      const body = { statusCode: status, message: exception.message, code: exception.code, ...exception.details() };
      return { status, body: { ...body, error: STATUS_NAMES[status] ?? 'Error' } };
    }
    // Nest's Express adapter wraps body-parser's errors in an HttpException carrying the parser's
    // own text ("Expected double-quoted property name in JSON at position 28"): answer ours instead.
    const parserAnswer = bodyParserAnswer(exception instanceof HttpException ? exception.cause : exception);
    if (parserAnswer) return parserAnswer;
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const body =
        typeof response === 'string'
          ? { statusCode: exception.getStatus(), message: response }
          : (response as Record<string, unknown>);
      return { status: exception.getStatus(), body };
    }
    const httpError = exception as { status?: number };
    if (typeof httpError?.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
      return { status: httpError.status, body: { statusCode: httpError.status, message: 'bad request' } };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
  }
}

/** Our answer to a body-parser error (its `type`, as body-parser documents them), or null for any other error. */
function bodyParserAnswer(error: unknown): { status: number; body: Record<string, unknown> } | null {
  const type = (error as { type?: unknown } | null | undefined)?.type;
  if (type === 'entity.parse.failed')
    return {
      status: 400,
      body: {
        statusCode: 400,
        message: isJson((error as { body?: unknown }).body)
          ? 'the request body must be a JSON object'
          : 'the request body is not valid JSON',
        error: 'Bad Request',
      },
    };
  if (type === 'entity.too.large')
    return { status: 413, body: { statusCode: 413, message: 'request body is too large', error: 'Payload Too Large' } };
  return null;
}

/** body-parser's strict mode refuses valid JSON that is no object or list (null, 123, "text") as a parse error. */
function isJson(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
