import { SetMetadata } from '@nestjs/common';

export const NO_SSO = 'noSso';

/** The global guard does not sign in from the SSO header here (sign-in and sign-out routes). */
export const NoSso = () => SetMetadata(NO_SSO, true);
