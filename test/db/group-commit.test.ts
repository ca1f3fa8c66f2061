import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/db/group-commit.js';
import { closeAfterAll, DIALECTS, migratedDatabase } from '../helpers/db.js';

describe.each(DIALECTS)('group commit on %s', (dialect) => {
  const closeLater = closeAfterAll();

  const event = (id: string) => ({ id, organization_id: 'org_1', type: 'document.uploaded', body: '{}', test: 0, created_at: 1 });

  it('commits transactions of one moment together, each settling with its own result or its own error', async () => {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
    const transact = createGroupCommit(handle);
    const results = await Promise.allSettled([
      transact(async (trx) => { await trx.insertInto('events').values(event('evt_a')).execute(); return 'a'; }),
      transact(async (trx) => {
        await trx.insertInto('events').values(event('evt_b')).execute();
        throw new Error('b failed after writing');
      }),
      transact(async (trx) => { await trx.insertInto('events').values(event('evt_c')).execute(); return 'c'; }),
      // A constraint violation rolls back only this member.
      transact(async (trx) => { await trx.insertInto('events').values(event('evt_a')).execute(); return 'duplicate'; }),
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'a' });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { message: 'b failed after writing' } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: 'c' });
    expect(results[3].status).toBe('rejected');
    const ids = (await handle.db.selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids).toEqual(['evt_a', 'evt_c']);
  });

  it('keeps working after a failed member: later transactions commit normally', async () => {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
    const transact = createGroupCommit(handle);
    await expect(transact(async () => { throw new Error('first fails'); })).rejects.toThrow('first fails');
    await transact(async (trx) => { await trx.insertInto('events').values(event('evt_later')).execute(); });
    expect((await handle.db.selectFrom('events').select('id').execute()).map((r) => r.id)).toEqual(['evt_later']);
  });
});
