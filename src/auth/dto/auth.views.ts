import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { MeView } from '../../users/dto/user.dto.js';

/** Sign-out's answer; with SSO on, where the browser must go too (the proxy's own logout), or null. */
export class LogoutView {
  @ApiProperty({ enum: [true] }) ok: true;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'present when SSO is on' }) logoutUrl?:
    string | null;
}

/** Who is signed in, or nobody: answered 200 either way, so a page asking does not log an error. */
export class SessionView {
  @ApiProperty({ type: MeView, nullable: true }) user: MeView | null;
}
