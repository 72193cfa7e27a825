import type { NextFunction, Request, Response } from 'express';

/** The header the console sends with every API call; any value will do. */
export const CSRF_HEADER = 'x-requested-with';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isJson(req: Request): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

/**
 * Cross-site request forgery guard for the cookie session. A page on another site can make a
 * browser send a form post or a "simple" fetch (form-encoded, multipart, text/plain, no custom
 * header) with our cookie; it cannot send `Content-Type: application/json` or a custom header
 * without a CORS preflight, which this API never grants. So every state-changing `/api` call must
 * carry one of the two, and sign-in takes JSON only (a form post could otherwise sign a visitor in
 * to an account of the attacker's choosing: "login CSRF").
 * Answers 415 for a non-JSON sign-in and 403 for other calls, as JSON.
 */
export function csrfGuard(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method) || !req.path.startsWith('/api/')) return next();
  if (req.path === '/api/auth/login' && !isJson(req)) {
    res.status(415).json({
      statusCode: 415,
      message: 'sign-in takes a JSON body (Content-Type: application/json)',
      error: 'Unsupported Media Type',
    });
    return;
  }
  if (isJson(req) || req.headers[CSRF_HEADER] !== undefined) return next();
  res.status(403).json({
    statusCode: 403,
    message: 'cross-site request refused: send Content-Type: application/json or an X-Requested-With header',
    error: 'Forbidden',
  });
}

/** Answers every page request when the console has not been built, saying how to build it. */
export function consoleMissing(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'GET' || req.path === '/api' || req.path.startsWith('/api/')) return next();
  res
    .status(503)
    .type('text/plain')
    .send(
      'The web console is not built. The API runs at /api (docs at /api/docs).\nBuild the console with "npm run build:web" and restart.\n',
    );
}

/** `Cross-Origin-Opener-Policy: same-origin` (helmet's default) on requests that came over https only. */
export function openerPolicyOverHttps(req: Request, res: Response, next: NextFunction): void {
  if (req.secure) res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
}
