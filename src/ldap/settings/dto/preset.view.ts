import { ApiProperty } from '@nestjs/swagger';

import { NullableString } from '../../../common/api-property.js';
import { AttributeMapView } from './ldap-settings.view.js';

/** A directory type's defaults, as a PUT with `preset` fills them in (scope filters replaced, scope DNs kept). */
export class PresetView {
  @ApiProperty({ example: 'openldap', description: 'the value of `preset` in a settings PUT' })
  name: string;

  @ApiProperty({ example: 'OpenLDAP' })
  label: string;

  @ApiProperty({ type: [String], example: ['uid', 'mail'] })
  loginAttributes: string[];

  @ApiProperty({ example: '(objectClass=inetOrgPerson)', description: 'the filter every search scope gets' })
  userFilter: string;

  @ApiProperty({ type: AttributeMapView })
  attributeMap: AttributeMapView;

  @NullableString({ example: 'entryUUID', description: 'the stable-id attribute' })
  uidAttribute: string | null;
}
