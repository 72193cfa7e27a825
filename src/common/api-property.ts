import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/** A string or null (TypeScript's `string | null` reflects as Object, which the document would show as an object). */
export const NullableString = (options: ApiPropertyOptions = {}) =>
  ApiProperty({ type: String, nullable: true, ...options } as ApiPropertyOptions);

/** A timestamp, sent as an ISO 8601 string. */
export const DateTime = (options: { nullable?: boolean; description?: string } = {}) =>
  ApiProperty({
    type: String,
    format: 'date-time',
    nullable: options.nullable ?? false,
    description: options.description,
  });
