import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle } from '../db/database.js';

/**
 * Content-addressed blob store. put() returns only after the bytes are durable (fsync), so a document row that
 * names a sha256 always finds its bytes. A second implementation (S3) needs only these three calls.
 */
export interface BlobStore {
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer | null>;
  kind: string;
}

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function createFilesystemBlobStore(root: string): BlobStore {
  const fileFor = (sha: string) => path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  return {
    kind: 'filesystem',
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
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      await handle.db.insertInto('blobs').values({ sha256, content: bytes, size_bytes: bytes.length, created_at: Date.now() })
        .onConflict((oc) => oc.column('sha256').doNothing()).execute();
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      const row = await handle.db.selectFrom('blobs').select('content').where('sha256', '=', sha256).executeTakeFirst();
      return row ? Buffer.from(row.content) : null;
    },
  };
}

export function createBlobStore(handle: DatabaseHandle, dataDir: string): BlobStore {
  return handle.dialect === 'postgres'
    ? createDatabaseBlobStore(handle)
    : createFilesystemBlobStore(path.join(dataDir, 'blobs'));
}
