import { EventEmitter } from 'node:events';
import pg from 'pg';

export type WakeChannel = 'jobs' | 'deliveries';

/**
 * Wake-ups make work start the moment it is committed; polling stays only as a safety net.
 * In-process listeners fire at once; with PostgreSQL a NOTIFY reaches every other process too.
 */
export interface Wakeups {
  notify(channel: WakeChannel): void;
  on(channel: WakeChannel, listener: () => void): () => void;
  close(): Promise<void>;
}

export function createLocalWakeups(): Wakeups {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(100);
  return {
    notify: (channel) => { emitter.emit(channel); },
    on: (channel, listener) => {
      emitter.on(channel, listener);
      return () => emitter.off(channel, listener);
    },
    close: async () => { emitter.removeAllListeners(); },
  };
}

export function createPostgresWakeups(connectionString: string, pool: pg.Pool, log: (msg: string, err?: unknown) => void): Wakeups {
  const local = createLocalWakeups();
  let listener: pg.Client | null = null;
  let closed = false;
  const pending = new Set<WakeChannel>();
  let flushScheduled = false;

  async function connect(): Promise<void> {
    if (closed) return;
    const client = new pg.Client({ connectionString });
    client.on('notification', (msg) => {
      const channel = msg.channel.replace(/^cargolint_/, '') as WakeChannel;
      local.notify(channel);
    });
    client.on('error', (err) => {
      log('wake-up listener lost its connection; reconnecting (polling covers the gap)', err);
      listener = null;
      if (!closed) setTimeout(() => void connect().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query('LISTEN cargolint_jobs');
    await client.query('LISTEN cargolint_deliveries');
    listener = client;
  }
  const ready = connect().catch((err) => log('wake-up listener failed to connect; polling only', err));

  // Many commits in one tick share one NOTIFY per channel, all sent in one statement (an upload wakes both the
  // dispatcher and the document jobs: one round trip, not two).
  function flush() {
    flushScheduled = false;
    const channels = [...pending];
    pending.clear();
    if (channels.length === 0) return;
    const calls = channels.map((_, i) => `pg_notify($${i + 1}, '')`).join(', ');
    pool.query(`SELECT ${calls}`, channels.map((channel) => `cargolint_${channel}`)).catch((err) => log('NOTIFY failed', err));
  }

  return {
    notify(channel) {
      local.notify(channel);
      pending.add(channel);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    },
    on: local.on,
    async close() {
      closed = true;
      await ready;
      await listener?.end().catch(() => undefined);
      await local.close();
    },
  };
}
