import { afterEach, describe, expect, it } from 'vitest';
import { insertJob } from '../../src/jobs/jobs.repository.js';
import { startRunner, type Runner } from '../../src/jobs/runner.js';
import { spawnWorker } from '../helpers/child.js';
import { DIALECTS, TEST_SECRET_KEY, testContext, type TestContext } from '../helpers/db.js';
import { waitUntil } from '../helpers/receiver.js';

describe.each(DIALECTS)('jobs runner on %s', (dialect) => {
  let ctx: TestContext;
  const runners: Runner[] = [];
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await ctx.close();
  });

  const run = (tasks: Parameters<typeof startRunner>[0]['tasks'], extra: Partial<Parameters<typeof startRunner>[0]> = {}) => {
    const r = startRunner({ db: ctx.db, dialect: ctx.handle.dialect, wakeups: ctx.wakeups, tasks, pollMs: 50, ...extra });
    runners.push(r);
    return r;
  };

  it('runs a job the moment it is enqueued, through the wake-up', async () => {
    ctx = await testContext(dialect);
    const seen: number[] = [];
    run({ note: async () => { seen.push(Date.now()); } }, { pollMs: 60_000 });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await insertJob(ctx.db, { task: 'note', payload: {} });
    ctx.wakeups.notify('jobs');
    await waitUntil(async () => seen.length === 1, 2000);
    expect(seen[0] - started).toBeLessThan(500);
  });

  it('retries a failing job and records its last error', async () => {
    ctx = await testContext(dialect);
    let calls = 0;
    run({ flaky: async () => { calls++; if (calls < 2) throw new Error('transient'); } });
    const id = await insertJob(ctx.db, { task: 'flaky', payload: {}, maxAttempts: 3 });
    ctx.wakeups.notify('jobs');
    const job = await waitUntil(async () => {
      const row = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row?.status === 'done' ? row : null;
    }, 5000);
    expect(job.attempts).toBe(2);
    expect(job.last_error).toBe('transient');
  });

  it('marks every job of a burst done, the completions of one moment written together, and stop waits for them', async () => {
    ctx = await testContext(dialect);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await insertJob(ctx.db, { task: 'quick', payload: { i } }));
    const seen = new Set<number>();
    const r = run({ quick: async (payload: { i: number }) => { seen.add(payload.i); } }, { concurrency: 8 });
    ctx.wakeups.notify('jobs');
    await waitUntil(async () => seen.size === 30, 5000);
    await r.stop();
    runners.splice(runners.indexOf(r), 1);
    // Stopped means written: no job left queued (it would run a second time after its lease).
    const rows = await ctx.db.selectFrom('jobs').select(['id', 'status', 'attempts']).where('id', 'in', ids).execute();
    expect(rows).toHaveLength(30);
    expect(rows.every((row) => row.status === 'done' && Number(row.attempts) === 1)).toBe(true);
  });

  it('lets a stopping runner finish the job in flight before it returns', async () => {
    ctx = await testContext(dialect);
    let finished = false;
    const r = run({ slow: async () => { await new Promise((res) => setTimeout(res, 300)); finished = true; } });
    await insertJob(ctx.db, { task: 'slow', payload: {} });
    ctx.wakeups.notify('jobs');
    await waitUntil(async () => r.inFlight === 1, 2000);
    await r.stop();
    runners.splice(runners.indexOf(r), 1);
    expect(finished).toBe(true);
  });

  it('never runs one job on two runners at once', async () => {
    ctx = await testContext(dialect);
    const running = new Set<string>();
    const runs: string[] = [];
    let overlap = false;
    const task = async (payload: { n: number }) => {
      const key = String(payload.n);
      if (running.has(key)) overlap = true;
      running.add(key);
      runs.push(key);
      await new Promise((res) => setTimeout(res, 5));
      running.delete(key);
    };
    run({ count: task }, { concurrency: 8 });
    if (ctx.databaseUrl) {
      // On PostgreSQL the second runner has its own connection pool, as a second process would.
      const { openPostgres } = await import('../../src/db/database.js');
      const other = openPostgres(ctx.databaseUrl, 5);
      const r2 = startRunner({ db: other.db, dialect: 'postgres', wakeups: ctx.wakeups, tasks: { count: task }, pollMs: 20, concurrency: 8 });
      runners.push({ inFlight: 0, stop: async () => { await r2.stop(); await other.close(); } });
    } else {
      run({ count: task }, { concurrency: 8 });
    }
    for (let n = 0; n < 200; n++) await insertJob(ctx.db, { task: 'count', payload: { n } });
    ctx.wakeups.notify('jobs');
    await waitUntil(async () => runs.length >= 200, 20_000);
    await new Promise((res) => setTimeout(res, 200));
    expect(overlap).toBe(false);
    expect(runs).toHaveLength(200);
    expect(new Set(runs).size).toBe(200);
  });

  it("takes over a killed runner's job once its lease expires", async () => {
    ctx = await testContext(dialect);
    const env = { CARGOLINT_DATA_DIR: ctx.config.dataDir, CARGOLINT_SECRET_KEY: TEST_SECRET_KEY, TEST_LEASE_MS: '600', ...(ctx.databaseUrl ? { CARGOLINT_DATABASE_URL: ctx.databaseUrl } : {}) };
    const id = await insertJob(ctx.db, { task: 'hold', payload: {} });
    const child = await spawnWorker('jobs', env);
    await waitUntil(async () => child.lines.includes(`claimed ${id}`), 10_000);
    await child.kill();
    const takenOver: number[] = [];
    const killedAt = Date.now();
    run({ hold: async () => { takenOver.push(Date.now()); } });
    await waitUntil(async () => takenOver.length === 1, 10_000);
    // The handler has returned; its completion is written with the others of that moment, right after.
    const row = await waitUntil(async () => {
      const current = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return current.status === 'done' ? current : null;
    }, 2000);
    expect(row.status).toBe('done');
    expect(row.attempts).toBe(2);
    expect(takenOver[0] - killedAt).toBeLessThan(5000);
  });
});
