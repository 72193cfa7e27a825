/**
 * An error a service throws in the application's own words: a code such as MAILBOX_NOT_FOUND or
 * LdapError's TIMEOUT, a message for the user, and the HTTP status it answers with. Mapped in one
 * place (AllExceptionsFilter) for HTTP and printed as is by the CLI, so services never throw
 * HTTP exceptions.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status (RFC 9110 §15) the API answers with. */
    readonly httpStatus: number,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
  }

  /** Fields the answer carries beside statusCode, message and code (LdapError adds its hint). */
  details(): Record<string, unknown> {
    return {};
  }
}

/** Something the request named does not exist (404). */
export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 404);
    this.name = 'NotFoundError';
  }
}

/** The request clashes with what is stored, such as a taken name or a concurrent change (409). */
export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 409);
    this.name = 'ConflictError';
  }
}

/**
 * The request cannot be carried out as things stand, for a reason tied to no field of it, such as
 * an import while LDAP is off (400). A field's bad value is a validationFailed 400 instead.
 */
export class BadRequestError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 400);
    this.name = 'BadRequestError';
  }
}
