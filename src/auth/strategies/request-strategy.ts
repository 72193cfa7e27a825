import type { Request } from 'express';
import { Strategy } from 'passport-strategy';

type Verify = (req: Request, done: (error: unknown, user?: unknown) => void) => void;

/**
 * A Passport strategy that hands the whole request to a verify callback; @nestjs/passport's
 * mixin supplies the callback, which calls our validate(). A false user means "not me, try
 * the next strategy"; an error stops the chain.
 */
export class RequestStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(req: Request): void {
    this.verify(req, (error, user) => {
      if (error) return this.error(error as Error);
      if (!user) return this.fail(401);
      return this.success(user);
    });
  }
}
