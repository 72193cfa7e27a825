import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { MeView, UserView } from '../../users/dto/user.dto.js';

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

/** The directory's password policy warning for this sign-in, for the UI to show. */
export class PasswordWarningView {
  @ApiProperty({ enum: ['expiring', 'grace'] }) kind: 'expiring' | 'grace';
  @ApiPropertyOptional({ description: 'expiring: whole days left' }) days?: number;
  @ApiPropertyOptional({ description: 'expiring: seconds left' }) seconds?: number;
  @ApiPropertyOptional({ description: 'grace: sign-ins left with the expired password' }) remaining?: number;
}

/** Sign-in's answer: the user, and the password policy's warning when the directory gave one. */
export class SignInView extends UserView {
  @ApiProperty({ type: PasswordWarningView, nullable: true }) passwordWarning: PasswordWarningView | null;
}
