import { sql } from 'kysely';
import { claimInIndexOrder } from '../db/claim-in-index-order.js';
import type { DbOrTrx } from '../db/database.js';
import { insertRows, type TableRows } from '../db/insert-rows.js';
import type { JobsTable } from '../db/schema.js';
import { newId } from '../ids.js';

export interface NewJob {
  task: string;
  payload: unknown;
  runAt?: number;
  maxAttempts?: number;
}

/** The row of a new job, for a caller that inserts it together with its own rows (see insertTogether). */
export function newJobRows(job: NewJob): TableRows<'jobs'> {
  const now = Date.now();
  return {
    table: 'jobs',
    rows: [{
      id: newId('job', now), task: job.task, payload: JSON.stringify(job.payload ?? null), status: 'queued', run_at: job.runAt ?? now,
      attempts: 0, max_attempts: job.maxAttempts ?? 5, lease_until: 0, last_error: null, created_at: now, updated_at: now,
    }],
  };
}

export async function insertJob(db: DbOrTrx, job: NewJob): Promise<string> {
  const part = newJobRows(job);
  await insertRows(db, part.table, part.rows);
  return part.rows[0].id;
}

/**
 * Claims due jobs with a lease. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets many workers claim side by side;
 * on SQLite one process owns the file and the single statement is atomic.
 */
export async function claimJobs(db: DbOrTrx, dialect: 'sqlite' | 'postgres', limit: number, leaseMs: number, now = Date.now()): Promise<JobsTable[]> {
  const lock = dialect === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
  const query = sql<JobsTable>`
    UPDATE jobs SET lease_until = ${now + leaseMs}, attempts = attempts + 1, updated_at = ${now}
    WHERE id IN (
      SELECT id FROM jobs WHERE status = 'queued' AND run_at <= ${now} AND lease_until < ${now}
      ORDER BY run_at LIMIT ${limit} ${lock}
    )
    RETURNING *`;
  return dialect === 'postgres'
    ? claimInIndexOrder(db, query)
    : (await query.execute(db)).rows;
}

export const extendLease = (db: DbOrTrx, id: string, leaseUntil: number) =>
  db.updateTable('jobs').set({ lease_until: leaseUntil }).where('id', '=', id).where('status', '=', 'queued').execute();

export const completeJobs = (db: DbOrTrx, ids: string[]) =>
  db.updateTable('jobs').set({ status: 'done', lease_until: 0, updated_at: Date.now() }).where('id', 'in', ids).execute();

export const failJob = (db: DbOrTrx, id: string, error: string, retryAt: number | null) =>
  db.updateTable('jobs').set(retryAt === null
    ? { status: 'failed', last_error: error, lease_until: 0, updated_at: Date.now() }
    : { run_at: retryAt, last_error: error, lease_until: 0, updated_at: Date.now() })
    .where('id', '=', id).execute();

export const nextJobDueAt = async (db: DbOrTrx): Promise<number | null> => {
  const row = await db.selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('due')).where('status', '=', 'queued').executeTakeFirst();
  return row?.due == null ? null : Number(row.due);
};
