import { Migrator, sql, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { isPostgres, type Db } from './database.js';
import * as initial from './migrations/2026-12-04-0001-initial.js';
import * as dropDeliveriesWebhookCreated from './migrations/2026-12-04-0002-drop-deliveries-webhook-created.js';
import * as postgresQueueTuning from './migrations/2026-12-04-0003-postgres-queue-tuning.js';

// A static list rather than a folder scan: it works the same from src/ under tsx and from dist/.
const MIGRATIONS: Record<string, Migration> = {
  '2026-12-04-0001-initial': initial,
  '2026-12-04-0002-drop-deliveries-webhook-created': dropDeliveriesWebhookCreated,
  '2026-12-04-0003-postgres-queue-tuning': postgresQueueTuning,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

async function migrator(db: Db): Promise<Migrator> {
  // Kysely looks its tables up in every schema unless told which one; name the current one so that several
  // CargoLint schemas in one PostgreSQL database never mistake each other's migration tables for their own.
  const schema = isPostgres(db)
    ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema
    : undefined;
  return new Migrator({ db, provider, migrationTableName: 'cargolint_migrations', migrationLockTableName: 'cargolint_migrations_lock', migrationTableSchema: schema });
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const result: MigrationResultSet = await (await migrator(db)).migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

export class UnmigratedSchemaError extends Error {}

/** SQLite migrates itself; PostgreSQL is shared by many processes, so an operator migrates it on purpose. */
export async function prepareSchema(db: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'sqlite') {
    await migrateToLatest(db);
    return;
  }
  const pending = await pendingMigrations(db);
  if (pending.length > 0) {
    throw new UnmigratedSchemaError(
      `The PostgreSQL schema is not up to date (${pending.length} pending migration(s): ${pending.join(', ')}). ` +
        'Run `npx cargolint migrate` with the same CARGOLINT_DATABASE_URL, then start again.',
    );
  }
}
