import { ArgumentsHost, BadRequestException, HttpException, NotFoundException } from '@nestjs/common';

import { LdapError, toLdapError } from '../ldap/ldap.error.js';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import { ConflictError, NotFoundError } from './domain-error.js';

function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const res = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

describe('AllExceptionsFilter: one error vocabulary', () => {
  it.each([
    [
      toLdapError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })),
      502,
      'UNREACHABLE',
      'Bad Gateway',
    ],
    [new LdapError('TARGET_REFUSED', '169.254.169.254 is a link-local address'), 403, 'TARGET_REFUSED', 'Forbidden'],
    [new NotFoundError('MAILBOX_NOT_FOUND', 'mailbox 3 not found'), 404, 'MAILBOX_NOT_FOUND', 'Not Found'],
    [new ConflictError('MAILBOX_NAME_TAKEN', 'taken'), 409, 'MAILBOX_NAME_TAKEN', 'Conflict'],
  ])('answers %s with %i and its code', (error, status, code, name) => {
    const { status: sent, body } = answer(error);
    expect(sent).toBe(status);
    expect(body).toMatchObject({ statusCode: status, message: (error as Error).message, code, error: name });
  });

  it('gives a directory error the connection test hint', () => {
    const { body } = answer(new LdapError('NO_SUCH_OBJECT', 'the DN does not exist in the directory'));
    expect(body.hint).toMatch(/check the Bind DN and the scope DNs/);
  });

  it('keeps HTTP exceptions as they are, and answers anything else with a plain 500', () => {
    expect(answer(new NotFoundException('gone'))).toMatchObject({ status: 404, body: { message: 'gone' } });
    expect(answer(new Error('secret detail'))).toEqual({
      status: 500,
      body: { statusCode: 500, message: 'Internal server error' },
    });
  });

  it.each([
    ['raw', (error: Error) => error],
    ['wrapped by the Express adapter', (error: Error) => new BadRequestException(error.message, { cause: error })],
  ])('answers a body that is not JSON (%s) in its own words, without the parser text', (_how, wrap) => {
    const parser = Object.assign(new SyntaxError('Unexpected token } in JSON at position 28'), {
      type: 'entity.parse.failed',
      status: 400,
    });
    expect(answer(wrap(parser))).toEqual({
      status: 400,
      body: { statusCode: 400, message: 'the request body is not valid JSON', error: 'Bad Request' },
    });
  });

  it('answers a body over the limit with 413, wrapped or not', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 });
    expect(answer(new HttpException(tooLarge.message, 413, { cause: tooLarge })).body.message).toBe(
      'request body is too large',
    );
    expect(answer(tooLarge).status).toBe(413);
  });
});
