import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/decorators.js';
import { FLAVOURS } from '../flavours/index.js';
import { PresetView } from './dto/preset.view.js';

/** The directory presets, read from the flavour files the server applies them from (one source for the console). */
@ApiTags('admin: ldap')
@Roles('admin')
@Controller('admin/ldap/presets')
export class PresetsController {
  @Get()
  @ApiOkResponse({ type: [PresetView], description: 'every preset a settings PUT accepts, by its name' })
  list(): PresetView[] {
    return FLAVOURS.map(({ name, label, preset }) => ({
      name,
      label,
      loginAttributes: [...preset.loginAttributes],
      userFilter: preset.userFilter,
      attributeMap: { ...preset.attributeMap },
      uidAttribute: preset.uidAttribute,
    }));
  }
}
