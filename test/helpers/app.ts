import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApiKey, createOrganization } from '../../src/accounts/accounts.service.js';
import type { Plan } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { testContext, type Dialect, type TestContext } from './db.js';

export interface TestApp {
  ctx: TestContext;
  app: FastifyInstance;
  close(): Promise<void>;
  org(plan?: Plan, name?: string): Promise<{ orgId: string; key: string; request: (opts: InjectOptions) => Promise<LightMyRequestResponse> }>;
}

/** The Fastify app over a fresh database, driven with app.inject; org() makes an organization and a key-bound requester. */
export async function testApp(dialect: Dialect, env: Record<string, string> = {}): Promise<TestApp> {
  const ctx = await testContext(dialect, env);
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return {
    ctx, app,
    async close() {
      await app.close();
      await ctx.close();
    },
    async org(plan: Plan = 'business', name = `Acme ${plan}`) {
      const { organization } = await createOrganization(ctx.db, { name, plan });
      const key = (await createApiKey(ctx.db, organization.id, 'test')).key;
      return {
        orgId: organization.id, key,
        request: (opts: InjectOptions): Promise<LightMyRequestResponse> => app.inject({ ...opts, headers: { authorization: `Bearer ${key}`, ...(opts.headers ?? {}) } }),
      };
    },
  };
}
