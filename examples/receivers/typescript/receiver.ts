/**
 * A complete CargoLint webhook receiver for Node.js 20+, with no dependencies.
 *
 *   CARGOLINT_WEBHOOK_SECRET=whsec_... npx tsx receiver.ts      # listens on :8080
 *
 * It verifies X-CargoLint-Signature over the raw body, drops duplicates, answers at once and
 * processes the event afterwards.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';

export interface CargoLintEvent {
  id: string;
  type: string;
  created_at: string;
  data: Record<string, unknown>;
}

/** True when `signatureHeader` is `sha256=` + hex HMAC-SHA256 of the raw body under one of `secrets`. */
export function verifyCargoLintSignature(rawBody: Buffer, signatureHeader: string | undefined, secrets: string[]): boolean {
  if (!signatureHeader) return false;
  const received = Buffer.from(signatureHeader);
  return secrets.some((secret) => {
    const expected = Buffer.from('sha256=' + createHmac('sha256', secret).update(rawBody).digest('hex'));
    return received.length === expected.length && timingSafeEqual(received, expected);
  });
}

const MAX_BODY_BYTES = 1024 * 1024; // CargoLint bodies are at most 256 KiB

function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * `secrets`: the current secret, plus the previous one while a rotation's grace period runs.
 * `onEvent` runs after the response is sent; a failure there must be retried by your own code.
 */
export function createReceiver(secrets: string[], onEvent: (event: CargoLintEvent) => Promise<void> | void): Server {
  const seenEventIds = new Set<string>(); // in production: a table with a unique key on the event id

  return createServer(async (req, res) => {
    if (req.method !== 'POST') return void res.writeHead(405).end();
    let rawBody: Buffer;
    try {
      rawBody = await readRawBody(req);
    } catch {
      return void res.writeHead(413).end();
    }
    // Verify the bytes exactly as received: parsing and re-serialising JSON changes them.
    if (!verifyCargoLintSignature(rawBody, req.headers['x-cargolint-signature'] as string | undefined, secrets)) {
      return void res.writeHead(400).end('invalid signature');
    }
    const event = JSON.parse(rawBody.toString('utf8')) as CargoLintEvent;
    // The body's id is covered by the signature and equals the webhook-id header.
    if (seenEventIds.has(event.id)) return void res.writeHead(200).end('duplicate');
    seenEventIds.add(event.id);

    res.writeHead(202).end();
    setImmediate(async () => {
      try {
        await onEvent(event);
      } catch (error) {
        console.error(`processing ${event.id} failed`, error);
      }
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secrets = [process.env.CARGOLINT_WEBHOOK_SECRET, process.env.CARGOLINT_WEBHOOK_PREVIOUS_SECRET]
    .filter((secret): secret is string => Boolean(secret));
  if (secrets.length === 0) throw new Error('set CARGOLINT_WEBHOOK_SECRET');
  createReceiver(secrets, (event) => console.log(event.type, event.id)).listen(Number(process.env.PORT ?? 8080));
}
