import { afterEach, describe, expect, it } from 'vitest';
import { emit } from '../../src/events/emit.js';
import { startDispatcher, type Dispatcher } from '../../src/webhooks/delivery/dispatcher.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { spawnWorker } from '../helpers/child.js';
import { DIALECTS, TEST_SECRET_KEY } from '../helpers/db.js';
import { startReceiver, waitUntil } from '../helpers/receiver.js';

describe.each(DIALECTS)('delivery crash safety on %s', (dialect) => {
  let t: TestApp;
  let dispatcher: Dispatcher | null = null;
  afterEach(async () => {
    await dispatcher?.stop();
    await t.close();
  });

  it('delivers after its lease expires a delivery whose worker was killed mid-attempt', async () => {
    t = await testApp(dialect, { CARGOLINT_DELIVERY_TIMEOUT_MS: '1000' });
    const org = await t.org('business');
    const receiver = await startReceiver(() => ({ status: 200, hang: true }));
    try {
      const wh = (await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { url: receiver.url, events: ['document.uploaded'] } })).json();
      const child = await spawnWorker('deliveries', {
        CARGOLINT_DATA_DIR: t.ctx.config.dataDir, CARGOLINT_SECRET_KEY: TEST_SECRET_KEY, CARGOLINT_ALLOW_INSECURE_WEBHOOK_URLS: 'true',
        CARGOLINT_DELIVERY_TIMEOUT_MS: '1000', TEST_LEASE_MARGIN_MS: '300', ...(t.ctx.databaseUrl ? { CARGOLINT_DATABASE_URL: t.ctx.databaseUrl } : {}),
      });
      const ev = await t.ctx.db.transaction().execute((trx) => emit(trx, { organizationId: org.orgId, type: 'document.uploaded', data: { document: { id: 'doc_crash' } } }));
      await receiver.waitFor(1, 10_000); // the child claimed and is mid-attempt
      await child.kill();
      receiver.setResponder(() => ({ status: 200, body: 'ok' }));
      dispatcher = startDispatcher(t.ctx, { pollMs: 50 });
      await receiver.waitFor(2, 10_000);
      expect(receiver.requests[1].headers['webhook-id']).toBe(ev.id);
      const d = await waitUntil(async () => {
        const row = await t.ctx.db.selectFrom('deliveries').selectAll().where('webhook_id', '=', wh.id).executeTakeFirst();
        return row?.status === 'succeeded' ? row : null;
      });
      expect(d.attempt_count).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it.runIf(dialect === 'postgres')('never delivers one event twice with two dispatchers claiming side by side (PostgreSQL only: on SQLite one process owns the queue)', async () => {
    t = await testApp(dialect);
    const org = await t.org('business');
    const receiver = await startReceiver();
    try {
      const { openPostgres } = await import('../../src/db/database.js');
      const other = openPostgres(t.ctx.databaseUrl!, 5);
      const second = startDispatcher({ ...t.ctx, db: other.db, handle: other }, { pollMs: 20, batchSize: 10 });
      dispatcher = startDispatcher(t.ctx, { pollMs: 20, batchSize: 10 });
      for (let i = 0; i < 5; i++) await org.request({ method: 'POST', url: '/api/v1/webhooks', payload: { url: receiver.url, events: ['document.uploaded'] } });
      for (let i = 0; i < 60; i++) await t.ctx.db.transaction().execute((trx) => emit(trx, { organizationId: org.orgId, type: 'document.uploaded', data: { n: i } }));
      t.ctx.wakeups.notify('deliveries');
      await receiver.waitFor(300, 20_000);
      await new Promise((r) => setTimeout(r, 300));
      await second.stop();
      await other.close();
      const ids = receiver.requests.map((r) => r.headers['x-cargolint-delivery']);
      expect(ids).toHaveLength(300);
      expect(new Set(ids).size).toBe(300);
    } finally {
      await receiver.close();
    }
  });
});
