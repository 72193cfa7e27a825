import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';

import { validationFailed } from './field-errors.js';

/**
 * A path parameter holding a row id: a whole number from 1 to Number.MAX_SAFE_INTEGER (beyond it a
 * number is no longer exact, so 99999999999999999999 would name another row). Anything else is a
 * 400 naming the parameter in `fields`, as a body's field errors are.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
    if (id >= 1 && Number.isSafeInteger(id)) return id;
    const name = metadata.data ?? 'id';
    const message = `${name} must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`;
    throw validationFailed([message], { [name]: [message] });
  }
}
