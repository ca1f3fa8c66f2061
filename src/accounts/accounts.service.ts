import { PLANS, type Plan } from '../config.js';
import { hashPassword, randomToken, sha256Hex, verifyPassword } from '../crypto/password.js';
import type { Db } from '../db/database.js';
import { AppError, notFound, validationFailed } from '../errors.js';
import { iso, newId } from '../ids.js';
import * as repo from './accounts.repository.js';

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

export interface Principal {
  organizationId: string;
  plan: Plan;
  userId: string | null;
  apiKeyId: string | null;
  csrfToken: string | null;
}

export const serializeOrganization = (o: { id: string; name: string; plan: string; created_at: number }) =>
  ({ id: o.id, name: o.name, plan: o.plan, created_at: iso(o.created_at) });

export const serializeUser = (u: { id: string; email: string; name: string; created_at: number }) =>
  ({ id: u.id, email: u.email, name: u.name, created_at: iso(u.created_at) });

export const serializeApiKey = (k: { id: string; name: string; prefix: string; created_at: number; last_used_at: number | null; revoked_at: number | null }) =>
  ({ id: k.id, name: k.name, prefix: k.prefix, created_at: iso(k.created_at), last_used_at: iso(k.last_used_at), revoked_at: iso(k.revoked_at) });

export function assertPlan(value: string, path = 'plan'): Plan {
  if (!(PLANS as readonly string[]).includes(value)) {
    throw validationFailed(path, `must be one of ${PLANS.join(', ')}`);
  }
  return value as Plan;
}

export async function createApiKey(db: Db, organizationId: string, name: string) {
  const secret = `cl_${randomToken(32)}`;
  const row = {
    id: newId('key'), organization_id: organizationId, name, prefix: secret.slice(0, 10),
    key_hash: sha256Hex(secret), created_at: Date.now(), last_used_at: null, revoked_at: null,
  };
  await repo.insertApiKey(db, row);
  return { ...serializeApiKey(row), key: secret };
}

export async function createOrganization(db: Db, input: { name: string; plan: Plan; email?: string; password?: string; userName?: string }) {
  const now = Date.now();
  const org = { id: newId('org'), name: input.name, plan: input.plan, created_at: now };
  const email = input.email?.trim().toLowerCase();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  type NewUser = { id: string; email: string; name: string; created_at: number };
  const user = await db.transaction().execute(async (trx): Promise<NewUser | null> => {
    await repo.insertOrganization(trx, org);
    if (email && passwordHash) {
      if (await repo.findUserByEmail(trx, email)) throw new AppError('conflict', 'An account with this email already exists', { errors: [{ path: 'email', message: 'is already registered' }] });
      const created = { id: newId('usr'), email, name: input.userName ?? input.name, created_at: now };
      await repo.insertUser(trx, { ...created, organization_id: org.id, password_hash: passwordHash });
      return created;
    }
    return null;
  });
  return { organization: org, user };
}

export async function createSession(db: Db, user: { id: string; organization_id: string }) {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const now = Date.now();
  await repo.insertSession(db, {
    token_hash: sha256Hex(token), user_id: user.id, organization_id: user.organization_id, csrf_token: csrfToken,
    created_at: now, expires_at: now + SESSION_TTL_MS,
  });
  return { token, csrfToken };
}

export async function logIn(db: Db, emailRaw: string, password: string) {
  const user = await repo.findUserByEmail(db, emailRaw.trim().toLowerCase());
  // Verify even when the user is unknown so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  if (!user || !ok) throw new AppError('unauthorized', 'Email or password is incorrect');
  return user;
}

export async function setPlan(db: Db, organizationId: string, plan: string) {
  const checked = assertPlan(plan);
  const result = await repo.updateOrganizationPlan(db, organizationId, checked);
  if (Number(result.numUpdatedRows) === 0) throw notFound('Organization');
}

/** Resolves a Bearer key to its organization; last-used time is written at most once a minute per key. */
export async function authenticateApiKey(db: Db, secret: string): Promise<Principal | null> {
  if (!secret.startsWith('cl_')) return null;
  const key = await repo.findActiveApiKeyByHash(db, sha256Hex(secret));
  if (!key) return null;
  const now = Date.now();
  if (!key.last_used_at || now - key.last_used_at > 60_000) await repo.touchApiKey(db, key.id, now);
  return { organizationId: key.organization_id, plan: key.plan as Plan, userId: null, apiKeyId: key.id, csrfToken: null };
}

export async function authenticateSession(db: Db, token: string): Promise<Principal | null> {
  const session = await repo.findSession(db, sha256Hex(token), Date.now());
  if (!session) return null;
  const org = await repo.findOrganization(db, session.organization_id);
  if (!org) return null;
  return { organizationId: org.id, plan: org.plan as Plan, userId: session.user_id, apiKeyId: null, csrfToken: session.csrf_token };
}
