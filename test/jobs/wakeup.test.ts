import { afterAll, describe, expect, it } from 'vitest';
import { createLocalWakeups, createPostgresWakeups, type WakeChannel } from '../../src/jobs/wakeup.js';
import { freshDatabase, POSTGRES_URL } from '../helpers/db.js';

describe('local wake-ups', () => {
  it('call the listeners of a channel, and only of that channel, until they unsubscribe', () => {
    const wakeups = createLocalWakeups();
    const heard: WakeChannel[] = [];
    const off = wakeups.on('jobs', () => heard.push('jobs'));
    wakeups.on('deliveries', () => heard.push('deliveries'));
    wakeups.notify('jobs');
    off();
    wakeups.notify('jobs');
    wakeups.notify('deliveries');
    expect(heard).toEqual(['jobs', 'deliveries']);
  });
});

// PostgreSQL only: on SQLite one process owns the queue and wake-ups never leave it.
describe.skipIf(!POSTGRES_URL)('wake-ups across processes on postgres (needs CARGOLINT_TEST_DATABASE_URL)', () => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => { for (const close of closers.reverse()) await close(); });

  it('reach another connection on every channel notified in the same turn (sent as one statement)', async () => {
    const sender = await freshDatabase('postgres');
    const receiver = await freshDatabase('postgres');
    closers.push(() => sender.handle.close(), () => receiver.handle.close());
    const quiet = () => undefined;
    const from = createPostgresWakeups(sender.url!, sender.handle.pool!, quiet);
    const to = createPostgresWakeups(receiver.url!, receiver.handle.pool!, quiet);
    closers.push(() => from.close(), () => to.close());
    const heard = new Set<WakeChannel>();
    to.on('jobs', () => heard.add('jobs'));
    to.on('deliveries', () => heard.add('deliveries'));
    const local: WakeChannel[] = [];
    from.on('jobs', () => local.push('jobs'));

    // The receiver's LISTEN is set up asynchronously: notify until both channels arrived (or give up after 5 s).
    const until = Date.now() + 5_000;
    while (heard.size < 2 && Date.now() < until) {
      from.notify('jobs');
      from.notify('deliveries');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect([...heard].sort()).toEqual(['deliveries', 'jobs']);
    // In-process listeners hear it at once, without the round trip.
    expect(local.length).toBeGreaterThan(0);
  });
});
