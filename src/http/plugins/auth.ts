import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateApiKey, authenticateSession, type Principal } from '../../accounts/accounts.service.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'cl_session';
export const CSRF_COOKIE = 'cl_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without credentials (sign-up, log-in). */
    public?: boolean;
    /** Replays the first response for a repeated Idempotency-Key. */
    idempotent?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function resolvePrincipal(db: Db, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match ? await authenticateApiKey(db, match[1]) : null;
    if (!principal) throw new AppError('unauthorized', 'The API key is missing, malformed, unknown or revoked');
    return principal;
  }
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token) return null;
  const principal = await authenticateSession(db, token);
  if (!principal) return null;
  // Cookie-authenticated writes must prove they come from our own pages (double-submit token).
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !principal.csrfToken || !sameToken(sent, principal.csrfToken)) {
      throw new AppError('forbidden', 'Missing or invalid X-CSRF-Token header for a cookie-authenticated request');
    }
  }
  return principal;
}

export function registerAuth(app: FastifyInstance, db: Db) {
  app.decorateRequest('principal', null);
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const principal = await resolvePrincipal(db, request);
    request.principal = principal;
    if (!principal && !request.routeOptions.config?.public) {
      throw new AppError('unauthorized', 'Authenticate with "Authorization: Bearer <api key>" or log in');
    }
  });
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthorized', 'Authentication required');
  return request.principal;
}
