import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertTogether } from '../../src/db/insert-rows.js';
import { createBlobStore, sha256Of } from '../../src/documents/storage.js';
import { closeAfterAll, DIALECTS, migratedDatabase, tempDir } from '../helpers/db.js';

describe.each(DIALECTS)('blob store on %s', (dialect) => {
  const closeLater = closeAfterAll();

  it('keeps a small file in the database, written by the caller\'s transaction, and reads it back', async () => {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
    const dataDir = tempDir('blobs');
    const store = createBlobStore(handle, dataDir);
    const bytes = Buffer.from('{"document_type":"commercial_invoice"}');
    expect(bytes.length).toBeLessThanOrEqual(store.inlineLimitBytes);
    const sha = sha256Of(bytes);
    await handle.db.transaction().execute((trx) => insertTogether(trx, [store.inlineRows(bytes, sha)]));
    // Storing the same content twice is one row, not an error.
    await handle.db.transaction().execute((trx) => insertTogether(trx, [store.inlineRows(bytes, sha)]));
    expect(await store.get(sha)).toEqual(bytes);
    const rows = await handle.db.selectFrom('blobs').select('sha256').execute();
    expect(rows.map((r) => r.sha256)).toEqual([sha]);
    expect(fs.existsSync(path.join(dataDir, 'blobs'))).toBe(false);
  });

  it('rolls a small file back with the transaction that failed', async () => {
    const { handle } = await migratedDatabase(dialect);
    closeLater(handle);
    const store = createBlobStore(handle, tempDir('blobs'));
    const bytes = Buffer.from('rolled back');
    const sha = sha256Of(bytes);
    await expect(handle.db.transaction().execute(async (trx) => {
      await insertTogether(trx, [store.inlineRows(bytes, sha)]);
      throw new Error('the upload transaction failed');
    })).rejects.toThrow('the upload transaction failed');
    expect(await store.get(sha)).toBeNull();
  });
});

// Only the SQLite store has files: on PostgreSQL every node must read every upload, so all bytes live in the database.
describe('blob store on sqlite, large files', () => {
  const closeLater = closeAfterAll();

  it('writes a file larger than the inline limit to the data directory, durably, and reads it back', async () => {
    const { handle } = await migratedDatabase('sqlite');
    closeLater(handle);
    const dataDir = tempDir('blobs');
    const store = createBlobStore(handle, dataDir);
    const bytes = Buffer.alloc(store.inlineLimitBytes + 1, 7);
    const stored = await store.put(bytes);
    expect(stored).toEqual({ sha256: sha256Of(bytes), size: bytes.length });
    const file = path.join(dataDir, 'blobs', stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256);
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(await store.get(stored.sha256)).toEqual(bytes);
    expect(await handle.db.selectFrom('blobs').select('sha256').execute()).toEqual([]);
    expect(await store.get('0'.repeat(64))).toBeNull();
  });
});
