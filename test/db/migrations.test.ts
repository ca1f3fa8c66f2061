import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, pendingMigrations } from '../../src/db/migrate.js';
import { closeAfterAll, DIALECTS, freshDatabase, POSTGRES_URL } from '../helpers/db.js';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  const closeLater = closeAfterAll();

  it('apply in order once, leave nothing pending, and are a no-op the second time', async () => {
    const { handle } = await freshDatabase(dialect);
    closeLater(handle);
    const applied = await migrateToLatest(handle.db);
    expect(applied[0]).toBe('2026-12-04-0001-initial');
    expect(applied).toEqual([...applied].sort());
    expect(applied).toContain('2026-12-04-0003-postgres-queue-tuning');
    expect(await pendingMigrations(handle.db)).toEqual([]);
    expect(await migrateToLatest(handle.db)).toEqual([]);
  });
});

// PostgreSQL only: SQLite has no autovacuum, the migration does nothing there.
describe.skipIf(!POSTGRES_URL)('queue tables on postgres (needs CARGOLINT_TEST_DATABASE_URL)', () => {
  const closeLater = closeAfterAll();

  it('has autovacuum visit the queue tables after 2 % of their rows changed', async () => {
    const { handle } = await freshDatabase('postgres');
    closeLater(handle);
    await migrateToLatest(handle.db);
    const { rows } = await sql<{ relname: string; reloptions: string[] | null }>`
      SELECT relname, reloptions FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relname IN ('deliveries', 'jobs', 'documents') ORDER BY relname`.execute(handle.db);
    const options = Object.fromEntries(rows.map((r) => [r.relname, r.reloptions ?? []]));
    for (const table of ['deliveries', 'jobs']) {
      expect(options[table]).toEqual(expect.arrayContaining(['autovacuum_vacuum_scale_factor=0.02', 'autovacuum_analyze_scale_factor=0.02']));
    }
    expect(options.documents).toEqual([]);
  });
});
