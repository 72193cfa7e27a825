import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

import { ApiErrorView, ValidationErrorView } from './common/api-error.view.js';

/** `Users_list`, `AdminMailboxes_preview`: stable, readable and unique (controller names are unique). */
export function operationId(controllerKey: string, methodKey: string): string {
  return `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;
}

/**
 * The OpenAPI document of the API, the source of the console's generated client. Built from the
 * application without listening, so a script can write it to a file.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('helpdesk-ldap')
    .setDescription('LDAP and SSO sign-in, directory import and mailbox assignment')
    .addCookieAuth('hd_session')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: operationId,
    extraModels: [ApiErrorView, ValidationErrorView],
  });
}
