import { createApiKey, createOrganization } from '../../src/accounts/accounts.service.js';
import type { Plan } from '../../src/config.js';
import { startServer } from '../../src/server.js';
import { testContext, type Dialect } from './db.js';

/** The real server (API + UI + workers) on an ephemeral loopback port over a fresh database. */
export async function startTestServer(env: Record<string, string> = {}, dialect: Dialect = 'sqlite') {
  const ctx = await testContext(dialect, env);
  const server = await startServer(ctx, { port: 0, host: '127.0.0.1', workers: true, logger: false });
  return {
    url: server.url,
    ctx,
    close: () => server.close(),
    async createOrg(plan: Plan = 'business') {
      const { organization } = await createOrganization(ctx.db, { name: `Org ${plan}`, plan });
      const key = await createApiKey(ctx.db, organization.id, 'test');
      return { orgId: organization.id, apiKey: key.key };
    },
  };
}
