import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.js';

/** AES-256-GCM for secrets at rest. Format: `v1.<iv b64url>.<tag b64url>.<ciphertext b64url>`. */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export function parseKey(raw: string): Buffer {
  const trimmed = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new ConfigError('CARGOLINT_SECRET_KEY must be 32 bytes, written as 64 hex characters or base64');
  return key;
}

export function createSecretBox(key: Buffer): SecretBox {
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unrecognised sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** The configured key, or on SQLite one generated once into the data dir (mode 0600). */
export function resolveSecretKey(options: { secretKey: string | null; databaseUrl: string | null; dataDir: string }): Buffer {
  if (options.secretKey) return parseKey(options.secretKey);
  if (options.databaseUrl) {
    throw new ConfigError('CARGOLINT_SECRET_KEY is required with PostgreSQL: every process must share it. ' +
      'Generate one with: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'hex\'))"');
  }
  const file = path.join(options.dataDir, 'secret.key');
  if (fs.existsSync(file)) return parseKey(fs.readFileSync(file, 'utf8'));
  fs.mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error: any) {
    if (error.code === 'EEXIST') return parseKey(fs.readFileSync(file, 'utf8'));
    throw error;
  }
  return key;
}
