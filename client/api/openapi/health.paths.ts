import type { OpenApiModule } from './openapi-types';

export const healthPaths: OpenApiModule = {
  paths: {
    '/healthz': {
      get: {
        summary: 'Liveness',
        tags: ['operations'],
        security: [],
        responses: { '200': { description: 'The process is up' } },
      },
    },
    '/readyz': {
      get: {
        summary: 'Readiness: the database and Temporal answer',
        tags: ['operations'],
        security: [],
        responses: { '200': { description: 'Ready' }, '503': { description: 'A dependency is down' } },
      },
    },
  },
};
