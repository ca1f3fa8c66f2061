/**
 * Webhook secrets and the signed header set of one delivery attempt (CONTRACT §5).
 * Two signature schemes ride on every request so receivers can pick either:
 * - `X-CargoLint-Signature`: GitHub-style `sha256=<hex>` over the body, keyed with the secret
 *   string itself — trivial to verify with any HMAC library;
 * - `webhook-*`: Standard Webhooks (Svix), which also binds the event id and timestamp into the
 *   signature, so a captured request cannot be replayed later or under another id.
 * This runs once per attempt on the delivery hot path, so it avoids copying the body.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

export interface DeliveryToSign {
  /** The exact bytes that will be sent, as a string (compact JSON). */
  body: string;
  eventId: string;
  deliveryId: string;
  eventType: string;
  /** This attempt's Unix time in seconds. */
  timestampSeconds: number;
  /** Newest first; only secrets still inside their validity (rotation grace) window. */
  secrets: readonly string[];
  userAgent: string;
}

export interface SignedHeaders {
  'Content-Type': 'application/json';
  'User-Agent': string;
  'X-CargoLint-Event': string;
  'X-CargoLint-Delivery': string;
  'X-CargoLint-Signature': string;
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  [header: string]: string;
}

export function signDelivery(delivery: DeliveryToSign): SignedHeaders {
  const { body, eventId, secrets } = delivery;
  if (secrets.length === 0) throw new Error('signDelivery needs at least one secret');
  const timestamp = String(Math.floor(delivery.timestampSeconds));
  const signedPrefix = `${eventId}.${timestamp}.`;

  let standardSignatures = '';
  for (const secret of secrets) {
    const signature = createHmac('sha256', standardWebhooksKey(secret))
      .update(signedPrefix)
      .update(body)
      .digest('base64');
    standardSignatures += standardSignatures === '' ? `v1,${signature}` : ` v1,${signature}`;
  }

  return {
    'Content-Type': 'application/json',
    'User-Agent': delivery.userAgent,
    'X-CargoLint-Event': delivery.eventType,
    'X-CargoLint-Delivery': delivery.deliveryId,
    'X-CargoLint-Signature': `sha256=${createHmac('sha256', secrets[0]).update(body).digest('hex')}`,
    'webhook-id': eventId,
    'webhook-timestamp': timestamp,
    'webhook-signature': standardSignatures,
  };
}

/**
 * Standard Webhooks keys are the base64 bytes after the prefix. Decoding (and validating) them
 * once per secret instead of once per attempt is worth a small bounded cache; a secret that
 * rotates out simply ages out when the cache is reset.
 */
const MAX_CACHED_KEYS = 10_000;
const decodedKeys = new Map<string, Buffer>();

function standardWebhooksKey(secret: string): Buffer {
  const cached = decodedKeys.get(secret);
  if (cached) return cached;
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error(`webhook secrets must start with ${SECRET_PREFIX}`);
  const encoded = secret.slice(SECRET_PREFIX.length);
  // Buffer.from(…, 'base64') silently skips junk, so check the alphabet before trusting it.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new Error('webhook secret is not valid base64 after its prefix');
  const key = Buffer.from(encoded, 'base64');
  if (decodedKeys.size >= MAX_CACHED_KEYS) decodedKeys.clear();
  decodedKeys.set(secret, key);
  return key;
}
