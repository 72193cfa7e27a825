import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  getSchemaPath,
} from '@nestjs/swagger';

/**
 * Any error answer: a status, a message (a list for validation failures) and the status's name;
 * errors the application raises itself (DomainError) add a stable code.
 */
export class ApiErrorView {
  @ApiProperty({ example: 404 })
  statusCode: number;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] })
  message: string | string[];

  @ApiPropertyOptional({
    example: 'USER_NOT_FOUND',
    description: 'what went wrong, for a program to tell cases apart (USER_NOT_FOUND, SYNC_ALREADY_RUNNING, ...)',
  })
  code?: string;

  @ApiPropertyOptional({ example: 'Not Found' })
  error?: string;
}

/** A 400 from validation: every message, and the same messages per dotted field path. */
export class ValidationErrorView {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ type: [String] })
  message: string[];

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'messages per dotted path (host, sync.schedule, searchScopes.0.filter); "" for the form as a whole',
    example: { 'sync.schedule': ['sync.schedule must be a cron expression such as "0 * * * *" (every hour)'] },
  })
  fields: Record<string, string[]>;
}

/** An error the application raises itself (DomainError): one message and a stable code, no `fields`. */
export class DomainErrorView {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'LDAP is not enabled' })
  message: string;

  @ApiProperty({
    example: 'LDAP_NOT_ENABLED',
    description: 'what went wrong, for a program to tell cases apart (LDAP_NOT_ENABLED, SYNC_ALREADY_RUNNING, ...)',
  })
  code: string;

  @ApiProperty({ example: 'Bad Request' })
  error: string;
}

/**
 * The 400 of a route that refuses both a bad field (ValidationErrorView, with `fields`) and a
 * request the state of things forbids (DomainErrorView, with `code`): the document names both shapes.
 */
export const ApiBadRequestOrRefused = (description: string) =>
  applyDecorators(
    ApiExtraModels(ValidationErrorView, DomainErrorView),
    ApiBadRequestResponse({
      description,
      schema: { oneOf: [{ $ref: getSchemaPath(ValidationErrorView) }, { $ref: getSchemaPath(DomainErrorView) }] },
    }),
  );

/** A directory error (502): the directory's message, its code and the hint the connection test gives. */
export class DirectoryErrorView {
  @ApiProperty({ example: 502 })
  statusCode: number;

  @ApiProperty()
  message: string;

  @ApiPropertyOptional()
  code?: string;

  @ApiPropertyOptional()
  hint?: string;

  @ApiPropertyOptional({ example: 'Bad Gateway' })
  error?: string;
}
