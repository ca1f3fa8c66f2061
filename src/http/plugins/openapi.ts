import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { VERSION } from '../../version.js';

/** OpenAPI 3.1 generated from the route schemas; readable docs at /docs. */
export async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    // Shared schemas appear under their own names (Webhook, Delivery, …) instead of def-N.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CargoLint API',
        version: VERSION,
        description: 'Compliance checks for trade documents, and signed webhooks that tell your systems in real time. ' +
          'Authenticate with `Authorization: Bearer cl_…`. Errors are application/problem+json.',
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API key (cl_…)' } } },
      security: [{ bearer: [] }],
      tags: [
        { name: 'Documents' }, { name: 'Webhooks' }, { name: 'Events' }, { name: 'API keys' }, { name: 'Accounts' }, { name: 'System' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
