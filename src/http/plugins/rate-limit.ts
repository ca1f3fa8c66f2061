import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';

/**
 * A fixed-window counter per API key (or per client address when unauthenticated), per process.
 * Behind several API processes each enforces its own share, which is the usual trade for no shared state.
 */
export function registerRateLimit(app: FastifyInstance, perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  const sweep = setInterval(() => {
    const cutoff = Date.now() - 60_000;
    for (const [k, w] of windows) if (w.start < cutoff) windows.delete(k);
  }, 60_000);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const who = request.principal?.apiKeyId ?? request.principal?.userId ?? `ip:${request.ip}`;
    const now = Date.now();
    let w = windows.get(who);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      windows.set(who, w);
    }
    w.count++;
    const remaining = Math.max(0, perMinute - w.count);
    const resetSeconds = Math.ceil((w.start + 60_000 - now) / 1000);
    reply.header('RateLimit-Limit', perMinute).header('RateLimit-Remaining', remaining).header('RateLimit-Reset', resetSeconds);
    if (w.count > perMinute) {
      throw new AppError('rate_limited', `Rate limit of ${perMinute} requests per minute exceeded; retry in ${resetSeconds} s`, {
        headers: { 'Retry-After': String(resetSeconds) },
      });
    }
  });
}
