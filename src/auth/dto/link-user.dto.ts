import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

import { IsDn } from '../../common/validators.js';

export class LinkUserDto {
  @ApiProperty({
    example: 'uid=alice,ou=people,dc=example,dc=com',
    description: 'the directory entry this account is from now on',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  @IsDn()
  dn: string;
}
