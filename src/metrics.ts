import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Histogram<'method' | 'route' | 'status'>;
  deliveryAttempts: Counter<'outcome'>;
  deliveryLatency: Histogram;
  documentsProcessed: Counter<'status'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cargolint_process_' });
  return {
    registry,
    httpRequests: new Histogram({
      name: 'cargolint_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry],
    }),
    deliveryAttempts: new Counter({ name: 'cargolint_webhook_attempts_total', help: 'Webhook delivery attempts by outcome', labelNames: ['outcome'], registers: [registry] }),
    deliveryLatency: new Histogram({
      name: 'cargolint_webhook_attempt_duration_seconds', help: 'Webhook attempt duration',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15], registers: [registry],
    }),
    documentsProcessed: new Counter({ name: 'cargolint_documents_processed_total', help: 'Documents processed by final status', labelNames: ['status'], registers: [registry] }),
  };
}
