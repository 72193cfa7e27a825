import { type ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** Messages per dotted field path (`host`, `sync.schedule`, `searchScopes.0.filter`), for a form to show each beside its field. */
export type FieldErrors = Record<string, string[]>;

/** Where a 400 puts a message that names no field it can be tied to: shown by a form above its fields. */
export const FORM_LEVEL = '';

/** class-validator's tree of errors as messages per dotted path; an array item's index is a path segment. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) (fields[path] ??= []).push(...messages);
    for (const [child, childMessages] of Object.entries(fieldErrors(error.children ?? [], path)))
      (fields[child] ??= []).push(...childMessages);
  }
  return fields;
}

const LEADING_PATH = /^[A-Za-z][A-Za-z0-9]*(?:\.(?:[A-Za-z][A-Za-z0-9]*|\d+))*/;

/**
 * The field a message is about, when it starts with the field's path ("sso.trustedProxies: …",
 * "host is required …"): the longest leading part of that path that is a known field, or its
 * root field. Null when the message starts with no known field.
 */
export function fieldOfMessage(message: string, known: ReadonlySet<string>): string | null {
  const leading = LEADING_PATH.exec(message)?.[0];
  if (!leading) return null;
  const segments = leading.split('.');
  for (let length = segments.length; length > 0; length -= 1) {
    const candidate = segments.slice(0, length).join('.');
    if (known.has(candidate)) return candidate;
  }
  return null;
}

/** Messages grouped by the field each names (see fieldOfMessage); the others under `fallback`. */
export function fieldsOfMessages(
  messages: string[],
  known: ReadonlySet<string>,
  fallback: (message: string) => string = () => FORM_LEVEL,
): FieldErrors {
  const fields: FieldErrors = {};
  for (const message of messages) (fields[fieldOfMessage(message, known) ?? fallback(message)] ??= []).push(message);
  return fields;
}

/**
 * Checks that say what kind of value a field takes. When one fails, the field's other messages
 * ("no more than 10 elements" for a string) and its children's only follow from the wrong type
 * and would mislead: they are dropped. A required field left out (IsDefined) or a null refused by
 * IsAbsentOrNotNull outranks them all.
 */
const TYPE_CHECKS: readonly (readonly string[])[] = [
  ['notNull', 'isDefined'],
  [
    'isArray',
    'isObject',
    'isString',
    'isInt',
    'isNumber',
    'isBoolean',
    'isWholeNumber',
    'nestedValidation',
    'whitelistValidation',
  ],
];

/**
 * class-validator's errors with, per field, only the failed type checks when one failed (see
 * TYPE_CHECKS), duplicate messages merged, and an unknown field told in the admin's words.
 */
export function typeFirst(errors: ValidationError[]): ValidationError[] {
  return errors.map((error) => {
    const constraints = { ...(error.constraints ?? {}) };
    if (constraints.whitelistValidation)
      constraints.whitelistValidation = `${error.property} is not a known field: check its spelling, or leave it out`;
    const failedType = TYPE_CHECKS.find((group) => group.some((name) => name in constraints));
    if (!failedType)
      return {
        ...error,
        constraints: unique(withoutLengths(error.value, constraints)),
        children: typeFirst(error.children ?? []),
      };
    const kept = Object.fromEntries(Object.entries(constraints).filter(([name]) => failedType.includes(name)));
    return { ...error, constraints: unique(kept), children: [] };
  });
}

/** Length checks only follow from a value that is no string or list, when another message says what it should be. */
const LENGTH_CHECKS = ['maxLength', 'minLength', 'isLength', 'arrayMaxSize', 'arrayMinSize'];

function withoutLengths(value: unknown, constraints: Record<string, string>): Record<string, string> {
  // undefined: Nest's pipe strips object and list values from its errors; those keep every message.
  if (value === undefined || typeof value === 'string' || Array.isArray(value)) return constraints;
  const rest = Object.entries(constraints).filter(([name]) => !LENGTH_CHECKS.includes(name));
  return rest.length > 0 ? Object.fromEntries(rest) : constraints;
}

function unique(constraints: Record<string, string>): Record<string, string> {
  const seen = new Set<string>();
  return Object.fromEntries(
    Object.entries(constraints).filter(([, message]) => !seen.has(message) && seen.add(message) !== undefined),
  );
}

const NOT_AN_OBJECT = 'the request body must be a JSON object';

function isJsonObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The 400 every validation failure answers: `message` as a list (as before), `fields` by dotted path. */
export function validationFailed(message: string[], fields: FieldErrors): BadRequestException {
  return new BadRequestException({ statusCode: 400, message, error: 'Bad Request', fields });
}

/**
 * The global ValidationPipe, whose 400 also carries `fields`. `message` stays what Nest's own
 * pipe says (nested paths prefixed), so clients reading it see no change.
 */
export class FieldValidationPipe extends ValidationPipe {
  /**
   * A body that is no JSON object (a list, a string) is refused as a whole, before any field
   * check; no body at all is an empty object, as Nest's own pipe takes it. Keys named like
   * Object.prototype's members (`toString`, `constructor`, `__proto__`, …) anywhere in a validated
   * body are refused as unknown fields: class-transformer skips them, so the whitelist never sees
   * them, and no field of ours has such a name.
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value !== undefined && this.toValidate(metadata) && !isJsonObject(value))
      throw validationFailed([NOT_AN_OBJECT], { [FORM_LEVEL]: [NOT_AN_OBJECT] });
    const found = metadata.type === 'body' ? prototypeKeyPaths(value) : [];
    if (found.length === 0) return super.transform(value, metadata);
    const paths = found.map((segments) => segments.join('.'));
    const messages = paths.map((path) => `${path} is not a known field: check its spelling, or leave it out`);
    const fields: FieldErrors = Object.fromEntries(paths.map((path, index) => [path, [messages[index]]]));
    // The rest is checked too, so one 400 names every error.
    const rest = structuredClone(value) as Record<string, unknown>;
    for (const segments of found) deletePath(rest, segments);
    try {
      await super.transform(rest, metadata);
    } catch (error) {
      if (!(error instanceof BadRequestException)) throw error;
      const other = error.getResponse() as { message?: string | string[]; fields?: FieldErrors };
      messages.push(...[other.message ?? []].flat());
      for (const [path, list] of Object.entries(other.fields ?? {})) fields[path] = [...(fields[path] ?? []), ...list];
    }
    throw validationFailed(messages, fields);
  }

  override createExceptionFactory() {
    return (errors: ValidationError[] = []) => {
      const told = typeFirst(errors);
      return validationFailed(this.flattenValidationErrors(told), fieldErrors(told));
    };
  }
}

/** How deep prototypeKeyPaths looks: far below the stack's limit, far beyond any body of ours. */
const MAX_BODY_DEPTH = 64;

/**
 * The keys in a JSON value that are names of Object.prototype's members, each as its path of
 * keys (a key may hold a dot). Walked without recursion and no deeper than MAX_BODY_DEPTH, so a
 * deeply nested body cannot exhaust the stack; class-transformer skips such keys at any depth.
 */
export function prototypeKeyPaths(value: unknown): string[][] {
  const found: string[][] = [];
  const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  for (let i = 0; i < pending.length; i += 1) {
    const next = pending[i];
    if (next.value === null || typeof next.value !== 'object' || next.path.length >= MAX_BODY_DEPTH) continue;
    for (const key of Object.keys(next.value)) {
      const path = [...next.path, key];
      if (Object.prototype.hasOwnProperty.call(Object.prototype, key)) found.push(path);
      else pending.push({ value: (next.value as Record<string, unknown>)[key], path });
    }
  }
  return found;
}

function deletePath(target: Record<string, unknown>, [head, ...rest]: string[]): void {
  if (rest.length === 0) delete target[head];
  else deletePath(target[head] as Record<string, unknown>, rest);
}
