import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';

import { FieldErrors, FieldValidationPipe, FORM_LEVEL, validationFailed } from '../../common/field-errors.js';
import { LdapSettingsDto } from './dto/ldap-settings.dto.js';

/**
 * The request body as sent, for routes that validate it with checkSettingsBody: a custom
 * parameter decorator, so the global ValidationPipe (which validates @Body only) leaves it alone
 * and the merge rules can be reported in the same 400 as the field checks.
 */
export const SettingsBody = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => {
  return context.switchToHttp().getRequest<{ body?: unknown }>().body;
});

/** A settings body after the field checks: what passed, and what failed. */
export interface CheckedSettingsBody {
  /** The body without the fields that failed: what the merge rules may read. */
  dto: LdapSettingsDto;
  /** Nest's flat messages for the fields that failed (nested paths prefixed). */
  messages: string[];
  fields: FieldErrors;
  /** Dotted paths of the fields left out of `dto` (a list as a whole when an item failed). */
  failed: string[];
}

const pipe = new FieldValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

/**
 * Runs the DTO's field checks as the global pipe would, but returns the failures instead of
 * throwing, with the body minus the failed fields, so the merge rules still run on the rest and
 * never on a value of the wrong type. A body that is no JSON object is refused at once.
 */
export async function checkSettingsBody(body: unknown): Promise<CheckedSettingsBody> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const message = 'the request body must be a JSON object of settings';
    throw validationFailed([message], { [FORM_LEVEL]: [message] });
  }
  try {
    const dto = (await pipe.transform(body, { type: 'body', metatype: LdapSettingsDto })) as LdapSettingsDto;
    return { dto, messages: [], fields: {}, failed: [] };
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const answer = error.getResponse() as { message: string[]; fields: FieldErrors };
    const failed = [...new Set(Object.keys(answer.fields).map(droppedPath))];
    const rest = structuredClone(body) as Record<string, unknown>;
    for (const path of failed) remove(rest, path.split('.'));
    const dto = plainToInstance(LdapSettingsDto, rest, { excludeExtraneousValues: false });
    return { dto, messages: answer.message, fields: answer.fields, failed };
  }
}

/** The part of the body to leave out for a failed path: up to the first list index (the list as a whole). */
function droppedPath(path: string): string {
  const segments = path.split('.');
  const index = segments.findIndex((segment) => /^\d+$/.test(segment));
  return (index === -1 ? segments : segments.slice(0, Math.max(index, 1))).join('.');
}

/**
 * Deletes a dotted path's value; a key may itself hold dots (`{"x.y": …}` fails as `x.y…`), so the
 * longest leading run of segments that names a key is taken first.
 */
function remove(target: Record<string, unknown>, segments: string[]): void {
  for (let take = segments.length; take >= 1; take -= 1) {
    const key = segments.slice(0, take).join('.');
    if (!Object.prototype.hasOwnProperty.call(target, key)) continue;
    const child = target[key];
    if (take < segments.length && child !== null && typeof child === 'object' && !Array.isArray(child))
      remove(child as Record<string, unknown>, segments.slice(take));
    else delete target[key];
    return;
  }
}
