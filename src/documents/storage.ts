import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle, DbOrTrx } from '../db/database.js';
import { insertTogether, type TableRows } from '../db/insert-rows.js';

/**
 * Content-addressed blob store. A document row that names a sha256 always finds its bytes: either put() made them
 * durable (fsync) before the row's transaction, or inlineRows() made them part of that same transaction.
 * A second implementation (S3) needs only these calls.
 */
export interface BlobStore {
  kind: string;
  /** Files up to this size go into the caller's transaction (inlineRows); larger ones through put(). */
  inlineLimitBytes: number;
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  /** The row that stores a small file, for the caller to insert with its own rows, in the same unit of work. */
  inlineRows(bytes: Buffer, sha256: string): TableRows<'blobs'>;
  get(sha256: string): Promise<Buffer | null>;
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Small files are rows of the `blobs` table, written in the upload's own transaction: no file, directory, fsync and
 * rename per upload (most trade documents are a few KB of JSON), and no second commit. SQLite stores blobs of this
 * size in its pages faster than a filesystem does.
 */
const SQLITE_INLINE_LIMIT_BYTES = 256 * 1024;

const blobRows = (bytes: Buffer, sha256: string): TableRows<'blobs'> => ({
  table: 'blobs', rows: [{ sha256, content: bytes, size_bytes: bytes.length, created_at: Date.now() }], onConflictDoNothing: true,
});

const readBlobRow = async (db: DbOrTrx, sha256: string) => {
  const row = await db.selectFrom('blobs').select('content').where('sha256', '=', sha256).executeTakeFirst();
  return row ? Buffer.from(row.content) : null;
};

/** SQLite: small files inline in the database, larger ones as fsynced files under the data directory. */
export function createFilesystemBlobStore(handle: DatabaseHandle, root: string): BlobStore {
  const fileFor = (sha: string) => path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  return {
    kind: 'filesystem',
    inlineLimitBytes: SQLITE_INLINE_LIMIT_BYTES,
    inlineRows: blobRows,
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const target = fileFor(sha256);
      if (fs.existsSync(target)) return { sha256, size: bytes.length };
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      // Write to a temp file, fsync, then rename: a crash never leaves a half-written blob under its final name.
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await fs.promises.open(temp, 'w', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temp, target);
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
      // Most files are rows (see SQLITE_INLINE_LIMIT_BYTES): an indexed lookup first, the file system second.
      const inline = await readBlobRow(handle.db, sha256);
      if (inline) return inline;
      try {
        return await fs.promises.readFile(fileFor(sha256));
      } catch (error: any) {
        if (error.code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}

/** With PostgreSQL every API and worker node must read every upload, so the bytes live in the shared database. */
export function createDatabaseBlobStore(handle: DatabaseHandle): BlobStore {
  return {
    kind: 'database',
    inlineLimitBytes: Number.POSITIVE_INFINITY,
    inlineRows: blobRows,
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      await insertTogether(handle.db, [blobRows(bytes, sha256)]);
      return { sha256, size: bytes.length };
    },
    get: (sha256) => readBlobRow(handle.db, sha256),
  };
}

export function createBlobStore(handle: DatabaseHandle, dataDir: string): BlobStore {
  return handle.dialect === 'postgres'
    ? createDatabaseBlobStore(handle)
    : createFilesystemBlobStore(handle, path.join(dataDir, 'blobs'));
}
