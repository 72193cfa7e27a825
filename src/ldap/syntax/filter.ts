import {
  AndFilter,
  ApproximateFilter,
  EqualityFilter,
  ExtensibleFilter,
  Filter,
  GreaterThanEqualsFilter,
  LessThanEqualsFilter,
  NotFilter,
  OrFilter,
  PresenceFilter,
  SubstringFilter,
} from 'ldapts';
import { escapeFilterValue } from './escape.js';
import { convertDnEscapes, convertDnHexEscapes, DN_SPECIALS, type DnEscapeConversion } from './filter-dn-escapes.js';
import { TextReader } from './text-reader.js';

export type FilterNode =
  | { kind: 'and' | 'or'; filters: FilterNode[] }
  | { kind: 'not'; filter: FilterNode }
  | { kind: 'present'; attribute: string }
  | { kind: 'equality' | 'approx' | 'greaterOrEqual' | 'lessOrEqual'; attribute: string; value: Buffer }
  | { kind: 'substrings'; attribute: string; initial?: Buffer; any: Buffer[]; final?: Buffer }
  | { kind: 'extensible'; attribute?: string; dnAttributes: boolean; rule?: string; value: Buffer };

export type FilterValidation = { ok: true } | { ok: false; message: string; position: number };

export class FilterSyntaxError extends Error {
  /** 1-based character position where the problem was found. */
  readonly position: number;

  constructor(position: number, message: string) {
    super(message);
    this.name = 'FilterSyntaxError';
    this.position = position;
  }
}

// RFC 4512 §2.5 attribute description: a name or a dotted OID, then options such as ;binary.
const ATTRIBUTE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9-]+)*/;
const MATCHING_RULE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)/;
const SIMPLE_OPERATORS = { '~=': 'approx', '>=': 'greaterOrEqual', '<=': 'lessOrEqual' } as const;
const ESCAPE_HELP =
  'a backslash must be followed by two hex digits, such as \\2a for *, \\28 for (, \\29 for ), \\5c for \\';
const DN_ESCAPE_HELP =
  '; a DN escape such as \\, (as Active Directory prints DNs) is accepted only in a DN-valued assertion such as (memberOf=CN=Support\\, EU,DC=example,DC=com)';

class FilterReader extends TextReader {
  rest(): string {
    return this.text.slice(this.pos);
  }

  fail(message: string, at = this.pos): never {
    throw new FilterSyntaxError(at + 1, message.replace('{at}', `at position ${at + 1}`));
  }

  found(): string {
    if (this.atEnd) return 'the end of the filter';
    return this.peek() === ' ' ? 'a space (spaces are only allowed inside values)' : `"${this.peek()}"`;
  }
}

/** Parses an RFC 4515 filter string; throws FilterSyntaxError with a message an admin can act on. */
export function parseFilter(filter: string): FilterNode {
  const reader = new FilterReader(filter);
  if (filter.trim() === '') reader.fail('the filter is empty; a filter looks like (objectClass=person)');
  if (reader.peek() !== '(') failStart(reader);
  const node = readFilter(reader);
  if (!reader.atEnd) failAfterEnd(reader);
  return node;
}

// RFC 4515 §3 has no whitespace outside the parentheses and most servers refuse it, so the filter
// is refused with the fix rather than trimmed: what is stored is what the server gets.
function failStart(reader: FilterReader): never {
  const filter = reader.text;
  if (/^\s/.test(filter)) {
    const fixed = parses(filter.trim()) ? `: ${filter.trim()}` : '';
    reader.fail(`the filter starts with a space; remove the spaces around the filter${fixed}`);
  }
  const trimmed = filter.trim();
  if (parses(`(${trimmed})`)) reader.fail(`the filter must start with "(" — wrap it in parentheses: (${trimmed})`);
  if (parses(`(${trimmed}`)) reader.fail(`the filter must start with "(" — the opening "(" is missing: (${trimmed}`);
  reader.fail(`the filter must start with "(", found ${reader.found()}; a filter looks like (objectClass=person)`);
}

function failAfterEnd(reader: FilterReader): never {
  const rest = reader.rest();
  if (rest.trim() === '') reader.fail('spaces after the end of the filter {at}; remove them');
  if (rest.startsWith(')')) reader.fail('unbalanced parentheses {at}: this ")" has no matching "("');
  if (rest.startsWith('(')) {
    reader.fail(
      'unexpected text after the end of the filter {at}; to combine filters use (&(a=1)(b=2)) or (|(a=1)(b=2))',
    );
  }
  const shown = rest.length > 20 ? `${rest.slice(0, 20)}…` : rest;
  const hint = rest.includes(')')
    ? '; if a ")" belongs to the value before it, write it as \\29, as in (cn=Smith \\28EU\\29)'
    : '; remove it';
  return reader.fail(`unexpected text "${shown}" after the end of the filter {at}${hint}`);
}

function parses(filter: string): boolean {
  try {
    parseFilter(filter);
    return true;
  } catch {
    return false;
  }
}

/**
 * The filter in RFC 4515 form: when it parses, as given except for DN hex escapes that leave a
 * DN-valued assertion with no DN (see convertDnHexEscapes); else with the DN escapes of DN-valued
 * assertions converted (see convertDnEscapes for which assertions those are). Throws
 * FilterSyntaxError with positions in the filter as given.
 */
export function normalizeFilter(filter: string): DnEscapeConversion {
  try {
    parseFilter(filter);
  } catch (error) {
    const conversion = convertDnEscapes(filter);
    if (conversion.converted.length === 0 || !(error instanceof FilterSyntaxError)) throw error;
    try {
      parseFilter(conversion.filter);
    } catch {
      throw error;
    }
    return conversion;
  }
  return convertDnHexEscapes(filter);
}

/** Whether normalizeFilter accepts the filter; otherwise the message and 1-based position. */
export function validateFilter(filter: string): FilterValidation {
  try {
    normalizeFilter(filter);
    return { ok: true };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, message: error.message, position: error.position };
    throw error;
  }
}

function readFilter(reader: FilterReader): FilterNode {
  if (reader.peek() !== '(') reader.fail(`expected "(" {at}, found ${reader.found()}`);
  reader.pos++;
  const operator = reader.peek();
  let node: FilterNode;
  if (operator === '&' || operator === '|') node = readSet(reader, operator);
  else if (operator === '!') node = readNot(reader);
  else if (operator === ')') reader.fail('empty parentheses "()" {at}; put a condition inside, such as (uid=jdoe)');
  else node = readItem(reader);
  if (reader.atEnd) reader.fail('unbalanced parentheses {at}: missing ")"');
  if (reader.peek() !== ')') reader.fail(`expected ")" {at}, found ${reader.found()}`);
  reader.pos++;
  return node;
}

function readSet(reader: FilterReader, operator: '&' | '|'): FilterNode {
  reader.pos++;
  const filters: FilterNode[] = [];
  while (reader.peek() === '(') filters.push(readFilter(reader));
  if (filters.length === 0 && reader.peek() === ')') {
    reader.fail(
      `"${operator}" needs at least one filter inside {at}, such as (${operator}(objectClass=person)(mail=*))`,
    );
  }
  if (!reader.atEnd && reader.peek() !== ')') reader.fail(`expected "(" or ")" {at}, found ${reader.found()}`);
  return { kind: operator === '&' ? 'and' : 'or', filters };
}

function readNot(reader: FilterReader): FilterNode {
  reader.pos++;
  const filter = readFilter(reader);
  if (reader.peek() === '(') reader.fail('"!" takes exactly one filter {at}; wrap several in (&...) or (|...)');
  return { kind: 'not', filter };
}

function readItem(reader: FilterReader): FilterNode {
  const attribute = reader.peek() === ':' ? undefined : readAttribute(reader);
  if (attribute === undefined || reader.peek() === ':') return readExtensible(reader, attribute);
  const rest = reader.rest();
  if (rest.startsWith('=*') && (reader.peek(2) === ')' || reader.peek(2) === '')) {
    reader.pos += 2;
    return { kind: 'present', attribute };
  }
  if (rest.startsWith('=')) {
    reader.pos++;
    return readEqualityOrSubstrings(reader, attribute);
  }
  const simple = SIMPLE_OPERATORS[rest.slice(0, 2) as keyof typeof SIMPLE_OPERATORS];
  if (!simple) failOperator(reader, attribute);
  reader.pos += 2;
  return { kind: simple, attribute, value: readValue(reader, attribute, false)[0] };
}

function readAttribute(reader: FilterReader): string {
  const match = ATTRIBUTE.exec(reader.rest());
  if (match) {
    reader.pos += match[0].length;
    return match[0];
  }
  if (/^[=~<>]/.test(reader.rest())) reader.fail('missing attribute name {at}, such as (uid=jdoe)');
  if (['&', '|', '!'].includes(reader.peek())) reader.fail(`"${reader.peek()}" must come right after "(" {at}`);
  return reader.fail(
    `invalid attribute name {at}: found ${reader.found()}; names are letters, digits and "-", such as mail or sAMAccountName`,
  );
}

function failOperator(reader: FilterReader, attribute: string): never {
  if (reader.atEnd || reader.peek() === ')')
    reader.fail(`missing operator after "${attribute}" {at}; expected =, ~=, >= or <=`);
  if (reader.peek() === ' ') reader.fail(`unexpected ${reader.found()} {at}`);
  const operator = /^[!<>~]+=?/.exec(reader.rest())?.[0] ?? reader.peek();
  const hint = operator === '!=' ? `; for "not equal" use (!(${attribute}=value))` : '; LDAP only has =, ~=, >= and <=';
  return reader.fail(`unknown operator "${operator}" {at}${hint}`);
}

function readEqualityOrSubstrings(reader: FilterReader, attribute: string): FilterNode {
  const parts = readValue(reader, attribute, true);
  if (parts.length === 1) return { kind: 'equality', attribute, value: parts[0] };
  const initial = parts[0].length > 0 ? parts[0] : undefined;
  const last = parts[parts.length - 1];
  const final = last.length > 0 ? last : undefined;
  return { kind: 'substrings', attribute, initial, any: parts.slice(1, -1), final };
}

function readExtensible(reader: FilterReader, attribute: string | undefined): FilterNode {
  const start = reader.pos;
  let dnAttributes = false;
  if (/^:dn(?=:)/i.test(reader.rest())) {
    dnAttributes = true;
    reader.pos += 3;
  }
  let rule: string | undefined;
  if (!reader.rest().startsWith(':=')) {
    const match = MATCHING_RULE.exec(reader.rest().slice(1));
    if (!match)
      reader.fail(
        `expected a matching rule or ":=" {at}, as in (memberOf:1.2.840.113556.1.4.1941:=cn=admins,dc=example,dc=com)`,
      );
    rule = match[0];
    reader.pos += 1 + rule.length;
  }
  if (!reader.rest().startsWith(':=')) reader.fail(`expected ":=" {at}, as in (cn:caseExactMatch:=John)`);
  if (!attribute && !rule)
    reader.fail(
      'an extensible match without an attribute needs a matching rule {at}, as in (:caseExactMatch:=John)',
      start,
    );
  reader.pos += 2;
  const value = readValue(reader, attribute ?? rule ?? '', false)[0];
  return { kind: 'extensible', attribute, dnAttributes, rule, value };
}

/** Reads an assertion value up to ")"; with `allowStar`, returns the parts between unescaped "*". */
function readValue(reader: FilterReader, attribute: string, allowStar: boolean): Buffer[] {
  const parts: Buffer[] = [];
  let bytes: number[] = [];
  while (!reader.atEnd && reader.peek() !== ')') {
    const char = reader.peek();
    if (char === '*') {
      if (!allowStar) reader.fail('unescaped "*" {at}: "*" only works with "="; write \\2a for a literal *');
      if (bytes.length === 0 && parts.length > 0) reader.fail('two "*" in a row {at}; remove one');
      parts.push(Buffer.from(bytes));
      bytes = [];
      reader.pos++;
    } else if (char === '\\') {
      const pair = reader.text.slice(reader.pos + 1, reader.pos + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(pair)) {
        const dnHelp = DN_SPECIALS.has(pair[0]) ? DN_ESCAPE_HELP : '';
        reader.fail(`invalid escape {at}: ${ESCAPE_HELP}${dnHelp}`);
      }
      bytes.push(parseInt(pair, 16));
      reader.pos += 3;
    } else if (char === '(' || char === '\0') {
      reader.fail(`unescaped ${char === '(' ? '"("' : 'NUL'} inside a value {at}; write ${escapeFilterValue(char)}`);
    } else {
      const charText = String.fromCodePoint(reader.text.codePointAt(reader.pos) as number);
      bytes.push(...Buffer.from(charText, 'utf8'));
      reader.pos += charText.length;
    }
  }
  parts.push(Buffer.from(bytes));
  if (parts.length === 1 && parts[0].length === 0) {
    const hint = allowStar ? `; to match any value use (${attribute}=*)` : '';
    reader.fail(`empty value for "${attribute}" {at}${hint}`);
  }
  return parts;
}

/** `(&a b …)` of the non-empty filters; the filter itself when only one; '' when none. */
export function andFilters(...filters: string[]): string {
  const present = filters.map((filter) => filter.trim()).filter((filter) => filter !== '');
  if (present.length <= 1) return present[0] ?? '';
  return `(&${present.join('')})`;
}

/** `(|(a=value)(b=value))` with the value escaped; `(a=value)` for a single attribute. */
export function orEquals(attributes: string[], value: string): string {
  const unique = attributes.filter(
    (attribute, index) => attributes.findIndex((other) => other.toLowerCase() === attribute.toLowerCase()) === index,
  );
  if (unique.length === 0) throw new Error('orEquals needs at least one attribute name');
  const invalid = unique.find((attribute) => ATTRIBUTE.exec(attribute)?.[0] !== attribute);
  if (invalid !== undefined) throw new Error(`"${invalid}" is not a valid attribute name`);
  const escaped = escapeFilterValue(value);
  const items = unique.map((attribute) => `(${attribute}=${escaped})`);
  return items.length === 1 ? items[0] : `(|${items.join('')})`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(value: Buffer): string {
  try {
    return utf8.decode(value);
  } catch {
    throw new Error(
      'a binary (non-UTF-8) value can only be sent to the server in an equality match such as (objectGUID=\\a1\\b2...)',
    );
  }
}

/**
 * Builds ldapts filter objects. ldapts' own FilterParser turns each \xx escape into the character
 * U+00xx and writes it as UTF-8, so "\c3\a9" goes out as four bytes instead of "é" and binary
 * values such as objectGUID never match; building the objects from decoded bytes avoids that.
 */
export function toLdaptsFilter(filter: string | FilterNode): Filter {
  const node = typeof filter === 'string' ? parseFilter(filter) : filter;
  switch (node.kind) {
    case 'and':
      return new AndFilter({ filters: node.filters.map(toLdaptsFilter) });
    case 'or':
      return new OrFilter({ filters: node.filters.map(toLdaptsFilter) });
    case 'not':
      return new NotFilter({ filter: toLdaptsFilter(node.filter) });
    case 'present':
      return new PresenceFilter({ attribute: node.attribute });
    case 'equality':
      return new EqualityFilter({ attribute: node.attribute, value: utf8Or(node.value) });
    case 'approx':
      return new ApproximateFilter({ attribute: node.attribute, value: text(node.value) });
    case 'greaterOrEqual':
      return new GreaterThanEqualsFilter({ attribute: node.attribute, value: text(node.value) });
    case 'lessOrEqual':
      return new LessThanEqualsFilter({ attribute: node.attribute, value: text(node.value) });
    case 'substrings':
      return new SubstringFilter({
        attribute: node.attribute,
        initial: node.initial && text(node.initial),
        any: node.any.map(text),
        final: node.final && text(node.final),
      });
    case 'extensible':
      return new ExtensibleFilter({
        matchType: node.attribute,
        dnAttributes: node.dnAttributes,
        rule: node.rule,
        value: text(node.value),
      });
  }
}

function utf8Or(value: Buffer): string | Buffer {
  try {
    return utf8.decode(value);
  } catch {
    return value;
  }
}
