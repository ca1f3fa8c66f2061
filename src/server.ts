import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { PROCESS_DOCUMENT_TASK, processDocument } from './documents/document.service.js';
import { buildApp } from './http/app.js';
import { startRunner } from './jobs/runner.js';
import { startDispatcher, type DispatcherOptions } from './webhooks/delivery/dispatcher.js';

export interface Workers {
  stop(): Promise<void>;
}

/** The background roles: document processing on the jobs runner, and the webhook dispatcher. */
export function startWorkers(ctx: AppContext, options: { dispatcher?: DispatcherOptions; jobConcurrency?: number } = {}): Workers {
  const runner = startRunner({
    db: ctx.db, dialect: ctx.handle.dialect, wakeups: ctx.wakeups, concurrency: options.jobConcurrency ?? 4, log: ctx.log,
    tasks: { [PROCESS_DOCUMENT_TASK]: (payload: { document_id: string }) => processDocument(ctx, payload.document_id) },
  });
  const dispatcher = startDispatcher(ctx, options.dispatcher);
  return {
    async stop() {
      await Promise.all([runner.stop(), dispatcher.stop()]);
    },
  };
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  workers: Workers | null;
  /** Stops taking requests, lets in-flight work finish, then closes the database. */
  close(): Promise<void>;
}

export async function startServer(ctx: AppContext, options: { port: number; host: string; workers: boolean; logger?: boolean; dispatcher?: DispatcherOptions }): Promise<RunningServer> {
  const app = await buildApp(ctx, { logger: options.logger });
  const address = await app.listen({ port: options.port, host: options.host });
  const workers = options.workers ? startWorkers(ctx, { dispatcher: options.dispatcher }) : null;
  return {
    app, url: address.replace('[::1]', 'localhost'), workers,
    async close() {
      await app.close();
      await workers?.stop();
      await ctx.close();
    },
  };
}
