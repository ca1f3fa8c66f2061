import { sql } from 'kysely';
import { oncePerTurn } from '../next-turn.js';
import type { DatabaseHandle, Trx } from './database.js';

export type Transact = <T>(work: (trx: Trx) => Promise<T>) => Promise<T>;

interface Pending {
  work: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite. A commit costs far more than the few rows most transactions write (it appends every page
 * they touched to the WAL, and an upload touches one leaf per subscribed webhook), and one process owns the file, so
 * write transactions that arrive within one turn of the event loop run inside a single transaction, each in its own
 * savepoint: one that fails is rolled back alone and sees its own error, the others commit together. Each caller's
 * promise settles only after the shared commit, so "resolved" still means "durable".
 *
 * PostgreSQL gets a plain transaction per call: concurrent connections already share its WAL flushes.
 */
export function createGroupCommit(handle: DatabaseHandle): Transact {
  const { db } = handle;
  if (handle.dialect !== 'sqlite') return (work) => db.transaction().execute(work);

  let queue: Pending[] = [];
  const flushSoon = oncePerTurn(() => void flush());

  async function flush() {
    const batch = queue;
    queue = [];
    const settled: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const item of batch) {
          await sql`SAVEPOINT group_member`.execute(trx);
          try {
            const value = await item.work(trx);
            await sql`RELEASE group_member`.execute(trx);
            settled.push({ ok: true, value });
          } catch (error) {
            await sql`ROLLBACK TO group_member`.execute(trx);
            await sql`RELEASE group_member`.execute(trx);
            settled.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch was written.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = settled[i];
      if (outcome.ok) item.resolve(outcome.value); else item.reject(outcome.error);
    });
  }

  return <T>(work: (trx: Trx) => Promise<T>) => new Promise<T>((resolve, reject) => {
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    flushSoon();
  });
}
