import type { Db } from '../db/database.js';
import { oncePerTurn } from '../next-turn.js';
import * as jobs from './jobs.repository.js';
import type { Wakeups } from './wakeup.js';

export type TaskHandler = (payload: any, job: { id: string; attempt: number }) => Promise<void>;

export interface RunnerOptions {
  db: Db;
  dialect: 'sqlite' | 'postgres';
  wakeups: Wakeups;
  tasks: Record<string, TaskHandler>;
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  log?: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface Runner {
  /** Stops claiming and resolves once every job in flight has finished. */
  stop(): Promise<void>;
  readonly inFlight: number;
}

const retryDelayMs = (attempt: number) => Math.min(60_000, 1000 * 2 ** (attempt - 1));

/** The durable jobs loop: claim with a lease, run, record; wake-ups for promptness, polling as the safety net. */
export function startRunner(options: RunnerOptions): Runner {
  const { db, dialect, tasks } = options;
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 1000;
  const running = new Set<Promise<void>>();
  let stopping = false;
  let claiming: Promise<void> | null = null;
  let again = false;
  // Whether a claim could find anything: set by wake-ups, polls and full claims, cleared by a claim that came back
  // short. A finished job claims again only then — otherwise every finished job would cost a claim that finds
  // nothing (a round trip on PostgreSQL, where every upload also wakes every worker).
  let moreMayBeDue = true;
  // Jobs that finish in one turn of the event loop are marked done by one statement; each waits for it.
  let completions: string[] = [];
  let completionsWritten: Promise<void> | null = null;

  function complete(id: string): Promise<void> {
    completions.push(id);
    completionsWritten ??= new Promise<void>((resolve, reject) => setImmediate(() => {
      const ids = completions;
      completions = [];
      completionsWritten = null;
      jobs.completeJobs(db, ids).then(() => resolve(), reject);
    }));
    return completionsWritten;
  }

  async function runOne(job: Awaited<ReturnType<typeof jobs.claimJobs>>[number]) {
    const handler = tasks[job.task];
    // A long task keeps its lease fresh; a dead process stops doing so and another worker takes over.
    const heartbeat = setInterval(() => {
      jobs.extendLease(db, job.id, Date.now() + leaseMs).catch(() => undefined);
    }, Math.max(50, leaseMs / 3));
    try {
      if (!handler) throw new Error(`no handler for task "${job.task}"`);
      await handler(JSON.parse(job.payload), { id: job.id, attempt: job.attempts });
      await complete(job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = job.attempts < job.max_attempts ? Date.now() + retryDelayMs(job.attempts) : null;
      options.log?.warn({ job: job.id, task: job.task, err: error }, 'job failed');
      await jobs.failJob(db, job.id, message, retryAt).catch(() => undefined);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Wake-ups and finished jobs within one turn of the event loop share one claim. */
  const claimSoon = oncePerTurn(() => { if (!stopping) void claimLoop(); });

  function claimLoop(): Promise<void> {
    if (claiming) { again = true; return claiming; }
    claiming = claimBatches().finally(() => { claiming = null; });
    return claiming;
  }

  async function claimBatches() {
    try {
      do {
        again = false;
        const free = concurrency - running.size;
        if (stopping || free <= 0) break;
        moreMayBeDue = false;
        const claimed = await jobs.claimJobs(db, dialect, free, leaseMs);
        for (const job of claimed) {
          const p = runOne(job).finally(() => {
            running.delete(p);
            if (!stopping && moreMayBeDue) claimSoon();
          });
          running.add(p);
        }
        if (claimed.length === free) again = moreMayBeDue = true;
      } while (again && !stopping);
    } catch (error) {
      moreMayBeDue = true;
      options.log?.error({ err: error }, 'claiming jobs failed; retrying at the next poll');
    }
  }

  const unsubscribe = options.wakeups.on('jobs', () => { moreMayBeDue = true; claimSoon(); });
  const poll = setInterval(() => { moreMayBeDue = true; void claimLoop(); }, pollMs);
  void claimLoop();

  return {
    get inFlight() { return running.size; },
    async stop() {
      stopping = true;
      clearInterval(poll);
      unsubscribe();
      // A claim already on its way still hands its jobs over: wait for it, then for every job it started.
      if (claiming) await claiming;
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
