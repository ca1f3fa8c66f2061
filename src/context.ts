import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { createSecretBox, resolveSecretKey, type SecretBox } from './crypto/secret-box.js';
import { openDatabase, type DatabaseHandle, type Db } from './db/database.js';
import { createGroupCommit, type Transact } from './db/group-commit.js';
import { prepareSchema } from './db/migrate.js';
import { createBlobStore, type BlobStore } from './documents/storage.js';
import { createLocalWakeups, createPostgresWakeups, type Wakeups } from './jobs/wakeup.js';
import { createMetrics, type Metrics } from './metrics.js';

/** Everything a use-case needs, built once by main.ts and passed down explicitly. */
export interface AppContext {
  readonly config: Config;
  readonly handle: DatabaseHandle;
  readonly db: Db;
  /** A write transaction; on SQLite those of one event-loop turn share a commit (see group-commit.ts). */
  readonly transact: Transact;
  readonly secretBox: SecretBox;
  readonly blobs: BlobStore;
  readonly wakeups: Wakeups;
  readonly metrics: Metrics;
  readonly log: Logger;
  close(): Promise<void>;
}

export async function createContext(config: Config, options: { log?: Logger; handle?: DatabaseHandle } = {}): Promise<AppContext> {
  const log = options.log ?? pino({ level: config.logLevel });
  const handle = options.handle ?? openDatabase(config);
  await prepareSchema(handle.db, handle.dialect);
  const secretBox = createSecretBox(resolveSecretKey(config));
  const wakeups = handle.dialect === 'postgres' && handle.pool && handle.connectionString
    ? createPostgresWakeups(handle.connectionString, handle.pool, (msg, err) => log.warn({ err }, msg))
    : createLocalWakeups();
  const blobs = createBlobStore(handle, config.dataDir);
  return {
    config, handle, db: handle.db, transact: createGroupCommit(handle), secretBox, blobs, wakeups, metrics: createMetrics(), log,
    async close() {
      await wakeups.close();
      await handle.close();
    },
  };
}
