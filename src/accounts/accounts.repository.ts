import type { DbOrTrx } from '../db/database.js';
import type { ApiKeysTable, OrganizationsTable, SessionsTable, UsersTable } from '../db/schema.js';

export const insertOrganization = (db: DbOrTrx, row: OrganizationsTable) =>
  db.insertInto('organizations').values(row).execute();

export const findOrganization = (db: DbOrTrx, id: string) =>
  db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();

export const updateOrganizationPlan = (db: DbOrTrx, id: string, plan: string) =>
  db.updateTable('organizations').set({ plan }).where('id', '=', id).executeTakeFirst();

export const insertUser = (db: DbOrTrx, row: UsersTable) => db.insertInto('users').values(row).execute();

export const findUserByEmail = (db: DbOrTrx, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

export const findUser = (db: DbOrTrx, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const insertSession = (db: DbOrTrx, row: SessionsTable) => db.insertInto('sessions').values(row).execute();

export const findSession = (db: DbOrTrx, tokenHash: string, now: number) =>
  db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).where('expires_at', '>', now).executeTakeFirst();

export const deleteSession = (db: DbOrTrx, tokenHash: string) =>
  db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();

export const insertApiKey = (db: DbOrTrx, row: ApiKeysTable) => db.insertInto('api_keys').values(row).execute();

export const findActiveApiKeyByHash = (db: DbOrTrx, keyHash: string) =>
  db.selectFrom('api_keys').innerJoin('organizations', 'organizations.id', 'api_keys.organization_id')
    .select(['api_keys.id', 'api_keys.organization_id', 'api_keys.last_used_at', 'organizations.plan', 'organizations.name'])
    .where('api_keys.key_hash', '=', keyHash).where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();

export const touchApiKey = (db: DbOrTrx, id: string, now: number) =>
  db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();

export const listApiKeys = (db: DbOrTrx, organizationId: string, limit: number, beforeId: string | null) => {
  let q = db.selectFrom('api_keys').select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('organization_id', '=', organizationId);
  if (beforeId) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
};

export const revokeApiKey = (db: DbOrTrx, organizationId: string, id: string, now: number) =>
  db.updateTable('api_keys').set({ revoked_at: now })
    .where('organization_id', '=', organizationId).where('id', '=', id).where('revoked_at', 'is', null)
    .executeTakeFirst();

export const findApiKey = (db: DbOrTrx, organizationId: string, id: string) =>
  db.selectFrom('api_keys').select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
