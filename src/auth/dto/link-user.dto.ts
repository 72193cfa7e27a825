import { ApiProperty } from '@nestjs/swagger';
import { MaxLength } from 'class-validator';

import { IsDn, IsRequired } from '../../common/validators.js';

export class LinkUserDto {
  @ApiProperty({
    example: 'uid=alice,ou=people,dc=example,dc=com',
    description: 'the directory entry this account is from now on',
  })
  @IsRequired()
  @MaxLength(1000)
  @IsDn()
  dn: string;
}
