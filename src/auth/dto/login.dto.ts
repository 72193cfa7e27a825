import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'alice@example.com', description: 'email, or a directory login name when LDAP is on' })
  @IsString()
  @MaxLength(256)
  login: string;

  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  password: string;
}
