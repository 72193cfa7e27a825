import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Sign-out's answer; with SSO on, where the browser must go too (the proxy's own logout), or null. */
export class LogoutView {
  @ApiProperty({ enum: [true] }) ok: true;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'present when SSO is on' }) logoutUrl?: string | null;
}
