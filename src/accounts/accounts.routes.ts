import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { sha256Hex } from '../crypto/password.js';
import { notFound } from '../errors.js';
import { CSRF_COOKIE, SESSION_COOKIE, principalOf } from '../http/plugins/auth.js';
import { PaginationQuery, decodeCursor, page, pageSize } from '../http/pagination.js';
import * as repo from './accounts.repository.js';
import * as service from './accounts.service.js';

const SignupBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, description: 'Your name' }),
  email: Type.String({ format: 'email', maxLength: 320 }),
  password: Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters' }),
  organization_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}, { additionalProperties: false });
const LoginBody = Type.Object({ email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
const ApiKeyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerAccountRoutes(app: FastifyInstance, ctx: AppContext) {
  const { db } = ctx;
  const secureCookies = process.env.NODE_ENV === 'production';

  function setSessionCookies(reply: FastifyReply, token: string, csrf: string) {
    const common = { path: '/', sameSite: 'lax' as const, secure: secureCookies, maxAge: service.SESSION_TTL_MS / 1000 };
    reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
  }

  app.post('/api/v1/auth/signup', {
    config: { public: true },
    schema: { tags: ['Accounts'], summary: 'Sign up: creates an organization and its first user', body: SignupBody },
  }, async (request, reply) => {
    const body = request.body as Static<typeof SignupBody>;
    const { organization, user } = await service.createOrganization(db, {
      name: body.organization_name ?? body.name, plan: ctx.config.defaultPlan, email: body.email, password: body.password, userName: body.name,
    });
    const session = await service.createSession(db, { id: user!.id, organization_id: organization.id });
    setSessionCookies(reply, session.token, session.csrfToken);
    return reply.status(201).send({ user: service.serializeUser(user!), organization: service.serializeOrganization(organization) });
  });

  app.post('/api/v1/auth/login', {
    config: { public: true },
    schema: { tags: ['Accounts'], summary: 'Log in with email and password (sets a session cookie)', body: LoginBody },
  }, async (request, reply) => {
    const body = request.body as Static<typeof LoginBody>;
    const user = await service.logIn(db, body.email, body.password);
    const session = await service.createSession(db, user);
    setSessionCookies(reply, session.token, session.csrfToken);
    const org = await repo.findOrganization(db, user.organization_id);
    return { user: service.serializeUser(user), organization: service.serializeOrganization(org!) };
  });

  app.post('/api/v1/auth/logout', { config: { public: true }, schema: { tags: ['Accounts'], summary: 'Log out' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await repo.deleteSession(db, sha256Hex(token));
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/me', { schema: { tags: ['Accounts'], summary: 'The current user (session) and organization' } }, async (request) => {
    const principal = principalOf(request);
    const org = await repo.findOrganization(db, principal.organizationId);
    const user = principal.userId ? await repo.findUser(db, principal.userId) : null;
    return { user: user ? service.serializeUser(user) : null, organization: service.serializeOrganization(org!) };
  });

  app.get('/api/v1/organization', { schema: { tags: ['Accounts'], summary: 'Your organization and its plan' } }, async (request) => {
    const org = await repo.findOrganization(db, principalOf(request).organizationId);
    return service.serializeOrganization(org!);
  });

  app.get('/api/v1/api-keys', {
    schema: { tags: ['API keys'], summary: 'List API keys (never their secret)', querystring: Type.Object(PaginationQuery) },
  }, async (request) => {
    const q = request.query as { limit?: number; cursor?: string };
    const limit = pageSize(q.limit);
    const rows = await repo.listApiKeys(db, principalOf(request).organizationId, limit + 1, decodeCursor(q.cursor));
    return page(rows, limit, service.serializeApiKey);
  });

  app.post('/api/v1/api-keys', {
    config: { idempotent: true },
    schema: { tags: ['API keys'], summary: 'Create an API key; the key is shown only in this response', body: ApiKeyBody },
  }, async (request, reply) => {
    const body = request.body as Static<typeof ApiKeyBody>;
    return reply.status(201).send(await service.createApiKey(db, principalOf(request).organizationId, body.name));
  });

  app.delete('/api/v1/api-keys/:id', { schema: { tags: ['API keys'], summary: 'Revoke an API key', params: IdParams } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    const orgId = principalOf(request).organizationId;
    if (!(await repo.findApiKey(db, orgId, id))) throw notFound('API key');
    await repo.revokeApiKey(db, orgId, id, Date.now());
    return reply.status(204).send();
  });
}
